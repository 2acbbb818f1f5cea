// The forms a report can be made with. A report stores template id and version, so a form
// that is revised gets a new version here and old reports keep theirs.
import type { Template } from '$lib/domain/model';
import { gov2017County } from './gov-2017-county';
import { gov2019 } from './gov-2019';
import { gov2021 } from './gov-2021';

/** In the order 新建报表 offers them: the format in force first. */
export const templates: Template[] = [gov2021, gov2019, gov2017County];

export function findTemplate(id: string, version?: number): Template | undefined {
  return templates.find((t) => t.id === id && (version === undefined || t.version === version));
}
