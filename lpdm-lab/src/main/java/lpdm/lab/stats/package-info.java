/**
 * Statistics for reports: aggregate performance with stratified bootstrap intervals (Agarwal et
 * al. 2021), reliability metrics (Chan et al. 2020), paired comparisons, and the Butterworth
 * filter they need; {@link lpdm.lab.stats.StudyStatistics} is the facade.
 */
package lpdm.lab.stats;
