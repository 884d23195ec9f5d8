/**
 * TensorBoard event files: the TFRecord framing ({@link lpdm.lab.tensorboard.TfRecord}), the
 * Event and Summary messages ({@link lpdm.lab.tensorboard.Events}) and the event file every
 * training run keeps beside its CSV tables ({@link lpdm.lab.tensorboard.RunEventFile}).
 */
package lpdm.lab.tensorboard;
