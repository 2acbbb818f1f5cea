// Matching printed row labels: pasted and imported tables come with numbering styles,
// 其中 prefixes, notes in brackets, full-width punctuation and Word line wraps that differ
// from the template. Keys keep only the words; near misses stay different keys.
import { parentIndex, type RowDef } from './model';
import { leadingNumbering, stripNumbering } from './outline';

// Traditional → simplified for the characters of our forms' labels: some sites serve pages
// machine-converted to traditional characters (本年新收政府信息公開申請數量).
const T2S = new Map<string, string>();
{
  const pairs = '開开數数請请處处結结轉转辦办國国護护機机關关組组織织業业構构會会務务個个訴诉議议復复複复維维糾纠審审規规範范費费許许採采購购總总計计現现製制屬属險险穩稳內内類类過过執执詢询補补確确訪访舉举報报讀读認认獲获無无當当項项繳缴權权條条發发廢废額额單单書书況况資资網网戶户點点傳传體体統统區区縣县鄉乡鎮镇檔档門门聞闻佈布產产學学動动勞劳負负責责誌志線线談谈與与據据係系為为於于後后問问題题給给圖图館馆閱阅場场紙纸質质電电設设專专欄栏級级員员職职編编輯辑訓训隱隐濟济擴扩徑径錯错駁驳導导熱热輿舆眾众參参須须實实罰罚強强決决經经應应這这對对減减義义證证節节團团繼继歷历萬万農农將将帶带驗验賣卖買买東东車车長长間间陽阳雜杂醫医藥药園园廣广慶庆歲岁號号黨党幣币覽览觀观舊旧漢汉滿满準准歸归臺台筆笔標标樣样檢检評评識识語语說说論论調调諮咨謝谢豐丰貿贸賬账贈赠較较輸输辭辞遷迁運运達达選选還还邊边錄录鐵铁隊队階阶際际陸陆隨随雙双離离難难靜静順顺預预領领頭头顏颜顯显風风飛飞馬马齊齐廳厅邁迈環环鏈链凈净憑凭紀纪約约紅红純纯納纳細细終终綫线練练績绩緊紧續续聯联聲声腦脑興兴艦舰藝艺蘇苏蟲虫衆众裝装見见視视親亲覺觉觸触訂订討讨記记診诊詞词試试詩诗話话該该詳详誠诚誤误諾诺謀谋講讲譯译讓让變变財财貢贡貧贫貼贴貴贵賀贺賦赋賴赖賽赛贊赞趕赶軍军軟软載载輕轻輪轮遞递遠远適适遲迟郵邮鄰邻釋释針针鋼钢錢钱鍵键鏡镜閉闭閑闲閣阁闆板陣阵陳陈雞鸡靈灵韋韦響响頁页頂顶顧顾飯饭養养餘余騙骗鬥斗魚鱼鳥鸟鹽盐麗丽麥麦黃黄';
  for (let i = 0; i < pairs.length; i += 2) T2S.set(pairs[i], pairs[i + 1]);
}
const simplified = (s: string) => s.replace(/[\u4e00-\u9fff]/g, (ch) => T2S.get(ch) ?? ch);

/**
 * Keys already made: a paste asks for the same labels many times (every table's matcher, every
 * candidate reading of the clipboard), and making a key is a dozen regular-expression passes.
 */
const keyCache = new Map<string, string>();

/** The words of a label: no numbering, no 其中, no bracketed notes, no spaces or punctuation. */
export function labelKey(label: string): string {
  let key = keyCache.get(label);
  if (key === undefined) {
    if (keyCache.size > 20000) keyCache.clear(); // bounded: a huge paste must not keep its text
    keyCache.set(label, (key = makeLabelKey(label)));
  }
  return key;
}

function makeLabelKey(label: string): string {
  // ① folds to 1 under NFKC, so circled numbering goes first.
  let s = simplified(label.replace(/\s+/g, '').replace(/^[①-⑳]/, '').normalize('NFKC'));
  // A column headed by its year (2015年度) is the year's column in every year's table.
  if (/^(19|20)\d\d年度?$/.test(s)) return '本年度';
  s = stripNumbering(s);
  // Bracketed notes, innermost first: （不同渠道和方式公开相同信息计1条）, (单位：万元).
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/[（(【\[][^（()）【】\[\]]*[）)】\]]/g, '');
  }
  // A note cut off by a line break (PDF text): （区分处理的，只计这一…
  s = s.replace(/[（(【\[][^（()）【】\[\]]*$/, '');
  return s.replace(/[\p{P}\p{S}]/gu, '');
}

export interface RowMatcher {
  /**
   * Index of the template row for a pasted label, or -1. `after` is the last matched index.
   * `cut`: the label may be cut off by a line break (PDF text), so a long enough beginning of
   * exactly one row's words matches that row.
   */
  match(label: string, after: number, cut?: boolean): number;
  /** Whether the text is a label of some row (any position). */
  known(label: string, cut?: boolean): boolean;
  /**
   * A misprinted label (2.其他法律行政止公开): the row right after `after` when the label carries
   * that row's own numbering and most of its words; else -1.
   */
  misprint(label: string, after: number): number;
}

/** The outline numbering a label starts with, normalised ((一) = （一）, 1、 = 1.), or ''. */
export function leadingNumber(label: string): string {
  return leadingNumbering(label.replace(/\s+/g, '').normalize('NFKC'))?.number ?? '';
}

/** Share of character pairs two keys have in common (Dice coefficient on bigrams). */
export function similarity(a: string, b: string): number {
  const pairs = (s: string) => Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2));
  const pa = pairs(a);
  const pb = pairs(b);
  if (!pa.length || !pb.length) return 0;
  const pool = [...pb];
  let common = 0;
  for (const p of pa) {
    const i = pool.indexOf(p);
    if (i >= 0) {
      common++;
      pool.splice(i, 1);
    }
  }
  return (2 * common) / (pa.length + pb.length);
}

/** A cut label still names one row when it keeps at least this many of its words' characters. */
const MIN_PREFIX = 10;

/**
 * Labels repeat under different sections (（一）本级政府及其部门 under 九 and 十), so a label is
 * matched to the first row with that key after the previous match (reading order and outline
 * context), falling back to the first such row if the paste jumps backwards. A row's aliases
 * (wordings published reports use) match like its label; a label cut off by a line break
 * matches the one row whose words it starts.
 */
export function rowMatcher(rows: RowDef[]): RowMatcher {
  const byKey = new Map<string, number[]>();
  rows.forEach((r, i) => {
    for (const k of new Set([r.label, ...(r.aliases ?? [])].map(labelKey)))
      if (k) (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(i);
  });
  const keys = [...byKey.keys()];
  const lookup = (label: string, cut = false) => {
    const k = labelKey(label);
    const exact = byKey.get(k);
    if (exact || !cut || k.length < MIN_PREFIX) return exact;
    const longer = keys.filter((x) => x.startsWith(k));
    return longer.length === 1 ? byKey.get(longer[0]) : undefined;
  };
  const parents = parentIndex(rows);
  const sectionOf = (i: number) => {
    let j = i;
    while (parents[j] !== null) j = parents[j]!;
    return j;
  };
  return {
    misprint(label, after) {
      const number = leadingNumber(label);
      if (!number) return -1;
      const next = rows.findIndex((r, i) => i > after && r.kind !== 'section' && r.kind !== 'group');
      if (next < 0 || leadingNumber(rows[next].label) !== number) return -1;
      return similarity(labelKey(label), labelKey(rows[next].label)) >= 0.6 ? next : -1;
    },
    known: (label, cut) => lookup(label, cut) !== undefined,
    match(label, after, cut) {
      const found = lookup(label, cut);
      if (!found) return -1;
      if (found.length === 1) return found[0];
      // A label printed under several sections with nothing matched before it: which one is
      // unknown, so it is reported, never guessed.
      if (after < 0) return -1;
      // Prefer a row in the same top-level section as the previous match, then the next in order.
      if (after >= 0) {
        const same = found.find((i) => i > after && sectionOf(i) === sectionOf(after));
        if (same !== undefined) return same;
      }
      return found.find((i) => i > after) ?? found[0];
    }
  };
}

const UNITS = new Set(['条', '件', '次', '篇', '个', '人', '人次', '万元', '元', '项', '家', '份']);
/** A unit column's text (条, 万元), not a label. */
/** Unit text: one of the common units, or (given a form's units) one its rows print. */
export const isUnitText = (s: string, units: ReadonlySet<string> = UNITS) => units.has(normUnit(s));
/** Unit texts already normalised: the mapper asks of every text cell of every row, once per form. */
const unitCache = new Map<string, string>();
function normUnit(s: string): string {
  let u = unitCache.get(s);
  if (u === undefined) {
    if (unitCache.size > 20_000) unitCache.clear();
    unitCache.set(s, (u = s.replace(/[\s\u00a0\u3000]/g, '').normalize('NFKC')));
  }
  return u;
}

/** The units a form's rows print, with the common ones: an own form's 期 or 场 is a unit too. */
export function unitsOf(rows: readonly { unit?: string }[]): ReadonlySet<string> {
  return new Set([...UNITS, ...rows.map((r) => normUnit(r.unit ?? '')).filter(Boolean)]);
}

// A unit after the digits keeps it a figure (12件, 86000元 — the parser judges the unit); other
// words after digits make a label (3.其他).
const FIGURE = /^[+\-−－]?\s*[\d０-９][\d０-９,，.．\s]*(?:人次|万元|条|件|次|篇|个|人|元|项|家|份|万)?$/;
const NONE = /^[-－—–―‐_/／\\、·.。*＊]+$|^(无|空|不适用|暂无)$/;
/** Text a figure cell holds: a number (maybe with a unit or separators) or a mark for none ("/", "—"). */
export const isFigureLike = (s: string) => {
  const t = s.replace(/[\u00a0\u3000]/g, ' ').trim();
  return FIGURE.test(t) || NONE.test(t);
};
