// Prints every form's cell keys with their printed labels: what a fixture in tests/fixtures/real needs.
import { templates } from '../src/lib/templates/index';
import { hasCell, inputColumns } from '../src/lib/domain/model';

for (const t of templates) {
  console.log(`\n${t.id}  ${t.name}`);
  for (const table of t.tables) {
    const cols = inputColumns(table.columns);
    console.log(`  ${table.id} ${table.title}`);
    console.log(`    columns: ${cols.map((c) => `${c.id}=${c.label}`).join('  ')}`);
    for (const r of table.rows.filter(hasCell)) console.log(`    ${table.id}/${r.id}/…  ${r.label}`);
  }
}
