import { describe, expect, it } from 'vitest';
import { clipboardBlock, decodeEntities, parseHtmlTable, parseTsv } from './html-table';

describe('parseHtmlTable', () => {
  it('reads Excel clipboard markup with mso styles and x:num', () => {
    const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>.xl65{mso-number-format:"0";}</style></head>
<body><!--StartFragment--><table border=0 cellpadding=0 cellspacing=0 width=300 style='border-collapse:collapse'>
<tr height=19><td height=19 class=xl65 width=200>（一）收到申请数</td><td>件</td><td align=right x:num>10</td></tr>
<tr><td>1.当面申请数</td><td>件</td><td align=right x:num="0">0</td></tr><!--EndFragment--></table></body></html>`;
    expect(parseHtmlTable(html)!.map((r) => r.map((c) => c.text))).toEqual([
      ['（一）收到申请数', '件', '10'],
      ['1.当面申请数', '件', '0']
    ]);
  });

  it('lays out rowspan and colspan', () => {
    const html = '<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr><tr><td>c</td><td>d</td></tr></table>';
    const g = parseHtmlTable(html)!;
    expect(g.map((r) => r.map((c) => c.text))).toEqual([['A', 'B', ''], ['', 'c', 'd']]);
    expect(g[1][0].origin).toBe(false);
    expect(g[0][2].origin).toBe(false);
  });

  it('joins Word paragraphs in a cell with newlines and decodes entities', () => {
    const html = `<table class=MsoNormalTable><tr><td style='mso-border-alt:solid windowtext .5pt'><p class=MsoNormal><span lang=EN-US>&nbsp;&nbsp;（一）主动公开政府信息数<o:p></o:p></span></p>
<p class=MsoNormal>（不同渠道和方式公开相同信息计1条）</p></td><td><p>条</p></td><td><p>12054</p></td></tr>
<tr><td>&nbsp;</td><td>&#20214;</td><td>&#x31;&amp;</td></tr></table>`;
    expect(parseHtmlTable(html)!.map((r) => r.map((c) => c.text))).toEqual([
      ['（一）主动公开政府信息数\n（不同渠道和方式公开相同信息计1条）', '条', '12054'],
      ['', '件', '1&']
    ]);
  });

  it('ignores scripts, styles and comments, and keeps markup in text as text', () => {
    const html = '<table><tr><td><script>alert(1)</script>x<!-- y --></td><td>&lt;img src=x onerror=alert(1)&gt;</td></tr></table>';
    expect(parseHtmlTable(html)!.map((r) => r.map((c) => c.text))).toEqual([['x', '<img src=x onerror=alert(1)>']]);
  });

  it('takes the largest of several tables (a web page layout)', () => {
    const html = '<table><tr><td>nav</td></tr></table><table><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>';
    expect(parseHtmlTable(html)!.map((r) => r.map((c) => c.text))).toEqual([['a', '1'], ['b', '2']]);
  });

  it('returns null without a table', () => {
    expect(parseHtmlTable('<p>hello</p>')).toBeNull();
  });
});

describe('parseTsv', () => {
  it.each([
    ['1\n2\n3\n', [['1'], ['2'], ['3']]],
    ['a\tb\r\nc\td\r\n', [['a', 'b'], ['c', 'd']]],
    ['"x\ny"\t1\n', [['x\ny', '1']]],
    ['"say ""hi"""\t2', [['say "hi"', '2']]],
    ['\t\t5', [['', '', '5']]],
    ['', []]
  ])('%j', (text, rows) => {
    expect(parseTsv(text)).toEqual(rows);
  });
});

describe('clipboardBlock', () => {
  it('prefers the html table, falls back to text', () => {
    expect(clipboardBlock('<table><tr><td>1</td></tr></table>', '2')).toEqual([['1']]);
    expect(clipboardBlock('<b>1</b>', '2\t3')).toEqual([['2', '3']]);
    expect(clipboardBlock(undefined, '4')).toEqual([['4']]);
  });
  it('decodes numeric and named entities only', () => {
    expect(decodeEntities('&#65;&nbsp;&bogus;&#0;')).toBe('A\u00a0&bogus;&#0;');
  });
});
