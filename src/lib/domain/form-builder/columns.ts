// The columns of a proposed table: the header rows' words over each column, a tree where a header
// spans its neighbours.
import type { ColumnDef } from '../model';

/** Leaf columns with their header paths (top row first) → a tree: a header spanning neighbours is their parent. */
export function columnTree(leaves: { id: string; path: string[] }[], depth: number): ColumnDef[] {
  const build = (items: typeof leaves, level: number, prefix: string): ColumnDef[] => {
    const out: ColumnDef[] = [];
    let i = 0;
    while (i < items.length) {
      const top = items[i].path[level];
      let j = i + 1;
      // Neighbours under the same upper header (and not that header's last word) group together.
      while (top && j < items.length && items[j].path[level] === top && items[j].path.length > level + 1) j++;
      const group = items.slice(i, j);
      if (group.length > 1 && group.every((g) => g.path.length > level + 1) && level < depth - 1) {
        out.push({ id: `${prefix}g${out.length + 1}`, label: top, children: build(group, level + 1, `${prefix}g${out.length + 1}`) });
      } else {
        const leaf = items[i];
        const label = [...new Set(leaf.path.slice(level))].join(' ') || '数量';
        out.push({ id: leaf.id, label });
        j = i + 1;
      }
      i = j;
    }
    return out;
  };
  return build(leaves, 0, '');
}

export function leafList(cols: ColumnDef[]): ColumnDef[] {
  return cols.flatMap((c) => (c.children?.length ? leafList(c.children) : [c]));
}
