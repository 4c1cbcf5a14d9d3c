// Reads every Engagement table with the Azure SDK for JavaScript, as a BI tool or a notebook would, and checks each
// row against docs/tables.md: every column it holds is documented, with the documented type, and every column the
// page does not mark optional ("?" after the type) is there. Prints what it read; exits 1 on any difference.
//
//   AZURE_STORAGE_CONNECTION_STRING=... TABLE_PREFIX=... node check.mjs [path/to/tables.md]
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { TableClient } from "@azure/data-tables";

const here = dirname(fileURLToPath(import.meta.url));
const docsPath = process.argv[2] ?? join(here, "..", "..", "docs", "tables.md");
const connection = process.env.AZURE_STORAGE_CONNECTION_STRING;
const prefix = process.env.TABLE_PREFIX ?? "";
if (!connection) {
  console.error("Set AZURE_STORAGE_CONNECTION_STRING to the storage account (or Azurite) to read.");
  process.exit(2);
}

// The documented type names and the Edm types @azure/data-tables reports for them.
const edm = { string: "String", bool: "Boolean", int: "Int32", int64: "Int64", double: "Double", datetime: "DateTime", binary: "Binary" };

/** The column tables of docs/tables.md: "## Name" headings, then rows "| `Column` | type | meaning |". */
function documentedTables(markdown) {
  const tables = {};
  let current = null;
  for (const line of markdown.split("\n")) {
    const heading = /^## (\w+)\s*$/.exec(line);
    if (heading) {
      current = tables[heading[1]] = {};
      continue;
    }
    const row = /^\|\s*`?(\w+)`?\s*\|\s*(\w+)(\?)?\s*\|/.exec(line);
    if (current && row && edm[row[2]]) {
      current[row[1]] = { type: edm[row[2]], optional: row[3] === "?" };
    }
  }
  return tables;
}

const documented = documentedTables(readFileSync(docsPath, "utf8"));
const skipped = new Set(["etag", "partitionKey", "rowKey", "timestamp"]);
const problems = [];
const summary = {};

for (const [table, columns] of Object.entries(documented)) {
  const client = TableClient.fromConnectionString(connection, prefix + table, { allowInsecureConnection: true });
  const seen = {};
  let rows = 0;
  // Without type conversion every value comes back with its Edm type, which is what this check is about.
  for await (const entity of client.listEntities({ disableTypeConversion: true })) {
    rows++;
    for (const [name, cell] of Object.entries(entity)) {
      if (skipped.has(name) || name.startsWith("odata.")) continue;
      // Numbered continuations (ResponseTimes3, ResponseTimes4…) are documented once, as the second of the series.
      const spec = columns[name] ?? columns[name.replace(/\d+$/, "2")];
      if (!spec) {
        problems.push(`${table}.${name} is not documented in docs/tables.md`);
        continue;
      }
      // A whole-number double (1.0) loses its ".0" in JavaScript's JSON parser, so @azure/data-tables calls it
      // Int32 (azure-sdk-for-js#19899); the service holds it as Double. Any other mismatch is a real one.
      const type = cell.type === "Int32" && spec.type === "Double" && Number.isInteger(Number(cell.value)) ? "Double" : cell.type;
      if (type !== spec.type) problems.push(`${table}.${name} is ${cell.type} in row ${entity.partitionKey}/${entity.rowKey}; documented as ${spec.type}`);
      seen[name] = (seen[name] ?? 0) + 1;
    }
    for (const [name, spec] of Object.entries(columns)) {
      if (!spec.optional && !(name in entity)) problems.push(`${table}.${name} is missing from row ${entity.partitionKey}/${entity.rowKey}; docs/tables.md does not mark it optional`);
    }
  }
  if (rows === 0) problems.push(`${prefix + table} has no rows to check`);
  summary[table] = { rows, columns: Object.keys(seen).length, documented: Object.keys(columns).length };
}

console.log(JSON.stringify({ tables: summary, problems: [...new Set(problems)].slice(0, 50) }, null, 2));
process.exit(problems.length === 0 ? 0 : 1);
