// Files in and out of the page as a user moves them: a button that downloads, a button that opens
// the file chooser.
import { test, type Locator, type Page } from '@playwright/test';

/** Clicks a button (within `scope`, e.g. a dialog) that downloads a file; saves it in the test's output folder. */
export async function download(page: Page, button: string, scope: Page | Locator = page) {
  const [file] = await Promise.all([page.waitForEvent('download'), scope.getByRole('button', { name: button }).click()]);
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path };
}

/** Clicks a button that opens the file chooser, and picks the file. */
export async function chooseFile(page: Page, button: string, path: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button }).click()]);
  await chooser.setFiles(path);
}
