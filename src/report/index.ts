export { renderComparisonTable } from "./comparison-table.js";
export { renderValidationTable, type ValidationTableRow } from "./validation-table.js";
export { writeFileAtomic } from "./write-file-atomic.js";
export { formatMs, formatCount } from "./format-number.js";
