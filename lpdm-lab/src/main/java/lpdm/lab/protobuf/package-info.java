/**
 * The protocol-buffer wire format, written by hand for the few messages lpdm writes: TensorBoard
 * events ({@link lpdm.lab.tensorboard}) and ONNX models ({@link lpdm.lab.export}).
 */
package lpdm.lab.protobuf;
