// What a paste needs beyond the grid: the clipboard's tables read into blocks and the whole-form
// mapper. Loaded on the first paste, not with the report page (it is a fifth of our own code).
export { clipboardBlocks } from '$lib/sheets/blocks';
export { decidePaste } from '$lib/domain/mapping';
