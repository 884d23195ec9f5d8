package lpdm.lab.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lpdm.lab.protobuf.ProtoWriter;

/**
 * An ONNX model under construction: one graph of standard operators (opset {@value #OPSET},
 * IR version {@value #IR_VERSION}), its initializers, inputs, outputs and metadata; encoded as
 * {@code onnx.ModelProto} with the field numbers of onnx.proto (ONNX, MIT license):
 * <pre>
 *   ModelProto       { ir_version = 1; producer_name = 2; producer_version = 3; doc_string = 6; graph = 7;
 *                      opset_import = 8; metadata_props = 14 }
 *   GraphProto       { node = 1; name = 2; initializer = 5; input = 11; output = 12 }
 *   NodeProto        { input = 1; output = 2; name = 3; op_type = 4; attribute = 5 }
 *   AttributeProto   { name = 1; f = 2; i = 3; ints = 8; type = 20 }        (type FLOAT 1, INT 2, INTS 7)
 *   TensorProto      { dims = 1; data_type = 2; name = 8; raw_data = 9 }    (FLOAT 1, INT64 7, DOUBLE 11; raw_data little-endian)
 *   ValueInfoProto   { name = 1; type = 2 }   TypeProto { tensor_type = 1 }   TypeProto.Tensor { elem_type = 1; shape = 2 }
 *   TensorShapeProto { dim = 1 }   Dimension { dim_value = 1; dim_param = 2 }
 *   OperatorSetIdProto { domain = 1; version = 2 }   StringStringEntryProto { key = 1; value = 2 }
 * </pre>
 * Any operator can be added with {@link #node}, with integer, float and integer-list attributes
 * (e.g. Conv's {@code kernel_shape}, {@code pads}, Transpose's {@code perm}).
 */
public final class OnnxModel {
    public static final int IR_VERSION = 7;
    public static final int OPSET = 13;
    /** TensorProto.DataType values. */
    public static final int FLOAT = 1;
    public static final int INT64 = 7;
    public static final int DOUBLE = 11;

    private final String graphName;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private String docString = "";
    private int nodeCount;

    /** An attribute of a node. */
    public record Attribute(String name, ProtoWriter encoded) {
        /** An INT attribute. */
        public static Attribute ofInt(String name, long value) {
            return new Attribute(name, new ProtoWriter().string(1, name).varint(3, value).varint(20, 2));
        }

        /** A FLOAT attribute. */
        public static Attribute ofFloat(String name, float value) {
            return new Attribute(name, new ProtoWriter().string(1, name).float32(2, value).varint(20, 1));
        }

        /** An INTS attribute (e.g. Conv's kernel_shape). */
        public static Attribute ofInts(String name, long... values) {
            ProtoWriter a = new ProtoWriter().string(1, name);
            for (long v : values) {
                a.varint(8, v);
            }
            return new Attribute(name, a.varint(20, 7));
        }
    }

    /** An empty model whose graph is called {@code graphName}. */
    public OnnxModel(String graphName) {
        this.graphName = graphName;
    }

    /** A graph input of element type {@code elemType} and shape [batch, features], the batch size left open. */
    public String input(String name, int elemType, int features) {
        inputs.add(valueInfo(name, elemType, features));
        return name;
    }

    /** A graph output of shape [batch, features]. */
    public void output(String name, int elemType, int features) {
        outputs.add(valueInfo(name, elemType, features));
    }

    /** A float32 constant. */
    public String initializer(String name, float[] values, long... dims) {
        initializers.add(tensor(name, FLOAT, dims, ProtoWriter.littleEndian(values)));
        return name;
    }

    /** An int64 constant (e.g. the target shape of a Reshape). */
    public String initializer(String name, long[] values, long... dims) {
        initializers.add(tensor(name, INT64, dims, ProtoWriter.littleEndian(values)));
        return name;
    }

    /** A float64 constant. */
    public String initializer(String name, double[] values, long... dims) {
        initializers.add(tensor(name, DOUBLE, dims, ProtoWriter.littleEndian(values)));
        return name;
    }

    /** Appends a node (nodes must be added in an order where every input already exists); returns its output's name. */
    public String node(String opType, List<String> nodeInputs, String output, Attribute... attributes) {
        ProtoWriter n = new ProtoWriter();
        for (String in : nodeInputs) {
            n.string(1, in);
        }
        n.string(2, output).string(3, opType.toLowerCase(java.util.Locale.ROOT) + "_" + nodeCount++).string(4, opType);
        for (Attribute a : attributes) {
            n.message(5, a.encoded());
        }
        nodes.add(n);
        return output;
    }

    /** A metadata_props entry (shown by tools such as Netron; readable through ONNX Runtime's model metadata). */
    public void metadata(String key, String value) {
        metadata.put(key, value);
    }

    /** The model's doc_string (a human-readable description). */
    public void docString(String text) {
        this.docString = text;
    }

    /** The encoded ModelProto. */
    public byte[] toByteArray(String producerVersion) {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, graphName);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(v -> graph.message(11, v));
        outputs.forEach(v -> graph.message(12, v));
        ProtoWriter model = new ProtoWriter().varint(1, IR_VERSION).string(2, "lpdm").string(3, producerVersion);
        if (!docString.isEmpty()) {
            model.string(6, docString);
        }
        model.message(7, graph).message(8, new ProtoWriter().varint(2, OPSET));
        metadata.forEach((k, v) -> model.message(14, new ProtoWriter().string(1, k).string(2, v)));
        return model.toByteArray();
    }

    private static ProtoWriter tensor(String name, int dataType, long[] dims, byte[] raw) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, dataType).string(8, name).bytes(9, raw);
    }

    private static ProtoWriter valueInfo(String name, int elemType, int features) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().string(2, "batch"))
                .message(1, new ProtoWriter().varint(1, features));
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
