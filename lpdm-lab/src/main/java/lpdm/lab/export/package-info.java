/**
 * Export of trained policies: {@link lpdm.lab.export.OnnxModel} writes an ONNX model, and
 * {@link lpdm.lab.export.PolicyExport} turns a run's observation pipeline and actor network into
 * one.
 */
package lpdm.lab.export;
