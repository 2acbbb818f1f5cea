// A new 2017 report filled by pasting the seed's table as Excel puts it on the clipboard: the
// four findings shown and everything saved.
import { expect, type Page } from '@playwright/test';
import { excelHtml, tsv } from '../../fixtures/clipboard';
import { seedTable } from '../../fixtures/seed-table.js';
import { HomePage } from './home';
import { ReportPage } from './report';

const HEADER = ['统计指标', '单位', '统计数'];

export async function seedReport(page: Page, unit: string) {
  const home = new HomePage(page);
  await home.goto();
  await home.createReport(unit, 2017);
  const report = new ReportPage(page);
  await report.select('4');
  await report.paste({ html: excelHtml([HEADER, ...seedTable()]), text: tsv([HEADER, ...seedTable()]) });
  await expect(report.findingItems()).toHaveCount(4);
  await report.expectSaved();
  return report;
}
