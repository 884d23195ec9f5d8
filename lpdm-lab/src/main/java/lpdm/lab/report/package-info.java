/**
 * Study reports: reads the run directories of a study, computes its statistics and writes
 * report.md, report.html, results.json and the plots; {@link lpdm.lab.report.StudyReport} is the
 * facade.
 */
package lpdm.lab.report;
