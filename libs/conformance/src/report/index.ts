export { summaryTable, type SummaryTableOptions } from './summary-table';
export { htmlReport, type HtmlReportOptions } from './html-report';
export { reportJson, REPORT_FORMAT, REPORT_VERSION } from './report-json';
export { overallLine, overallVerdict, type OverallVerdict } from './overall-verdict';
export { visibleText } from './visible-text';
