// The forms a report can be made with. A report stores template id and version, so a form
// that is revised gets a new version here and old reports keep theirs.
import type { Template } from '$lib/domain/model';
import { gov2017County } from './gov-2017-county';

export const templates: Template[] = [gov2017County];

export function findTemplate(id: string, version?: number): Template | undefined {
  return templates.find((t) => t.id === id && (version === undefined || t.version === version));
}
