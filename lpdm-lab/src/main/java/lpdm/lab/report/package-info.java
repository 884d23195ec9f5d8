/**
 * Study reports. {@link lpdm.lab.report.StudyReport} is the facade: it reads the run directories
 * of a study ({@link lpdm.lab.report.RunData}), computes the numbers once
 * ({@link lpdm.lab.report.ReportModel}, statistics from {@code lpdm.lab.stats}) and hands them to
 * the renderings: the figures ({@link lpdm.lab.report.ReportFigures}), report.md and report.html
 * ({@link lpdm.lab.report.ReportContent} into a {@link lpdm.lab.report.ReportDocument}, written by
 * {@link lpdm.lab.report.MarkdownRendering} and {@link lpdm.lab.report.HtmlRendering}),
 * results.json ({@link lpdm.lab.report.ResultsJson}) and the terminal summary
 * ({@link lpdm.lab.report.ConsoleTable}).
 */
package lpdm.lab.report;
