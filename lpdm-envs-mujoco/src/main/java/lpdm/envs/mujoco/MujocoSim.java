package lpdm.envs.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One MuJoCo model with its simulation data (mjModel and mjData), driven through the JNI binding.
 * Arrays are copied between MuJoCo and Java on each {@link #get}/{@link #set}; the field numbers are
 * those of {@link MujocoNative}. Not thread-safe. The native memory is freed by {@link #close()} or,
 * failing that, when the object is garbage collected.
 */
final class MujocoSim implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final String ASSETS = "/lpdm/envs/mujoco/assets/";

    private final long handle;
    private final Cleaner.Cleanable cleanable;
    private final int nq;
    private final int nv;
    private final int nu;
    private final int na;
    private final int nbody;
    private boolean closed;

    private MujocoSim(long handle) {
        this.handle = handle;
        this.cleanable = CLEANER.register(this, () -> MujocoNative.free(handle));
        this.nq = MujocoNative.count(handle, MujocoNative.NQ);
        this.nv = MujocoNative.count(handle, MujocoNative.NV);
        this.nu = MujocoNative.count(handle, MujocoNative.NU);
        this.na = MujocoNative.count(handle, MujocoNative.NA);
        this.nbody = MujocoNative.count(handle, MujocoNative.NBODY);
    }

    /**
     * Loads one of the model files shipped in this module's resources (lpdm/envs/mujoco/assets);
     * {@code envId} names the env in the message when MuJoCo is not installed.
     */
    static MujocoSim loadAsset(String envId, String fileName) {
        MujocoNative.ensureLoaded(envId);
        try (InputStream in = MujocoSim.class.getResourceAsStream(ASSETS + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException(envId + ": no model file " + fileName + " in " + ASSETS);
            }
            Path file = Files.createTempFile("lpdm-mujoco-", "-" + fileName);
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                return new MujocoSim(MujocoNative.load(file.toAbsolutePath().toString()));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(envId + ": could not read model file " + fileName, e);
        }
    }

    /** Loads a model from an XML file (MuJoCo's error text in the exception if it cannot). */
    static MujocoSim loadFile(Path xml) {
        MujocoNative.ensureLoaded(xml.getFileName().toString());
        return new MujocoSim(MujocoNative.load(xml.toAbsolutePath().toString()));
    }

    int nq() {
        return nq;
    }

    int nv() {
        return nv;
    }

    int nu() {
        return nu;
    }

    int na() {
        return na;
    }

    int nbody() {
        return nbody;
    }

    int count(int which) {
        return MujocoNative.count(live(), which);
    }

    /** The number of values of a field. */
    int size(int field) {
        return MujocoNative.size(live(), field);
    }

    /** A copy of a field. */
    double[] get(int field) {
        double[] out = new double[size(field)];
        MujocoNative.get(live(), field, out);
        return out;
    }

    /** Copies a field into {@code out} (of exactly the field's size). */
    void get(int field, double[] out) {
        MujocoNative.get(live(), field, out);
    }

    /** Overwrites a data field with {@code values} (of exactly the field's size). */
    void set(int field, double[] values) {
        MujocoNative.set(live(), field, values);
    }

    /** mj_resetData: every data field to its initial value (qpos = qpos0, the rest zero). */
    void resetData() {
        MujocoNative.resetData(live());
    }

    /** mj_forward: the derived quantities of the current state, without advancing time. */
    void forward() {
        MujocoNative.forward(live());
    }

    /** Sets ctrl, advances {@code frames} MuJoCo steps, then computes cfrc_ext (mj_rnePostConstraint). */
    void step(double[] ctrl, int frames) {
        MujocoNative.step(live(), ctrl, frames);
    }

    /**
     * Type, group, size, colour and world pose of every geom at the current qpos ({@link
     * MujocoNative#GEOM_VALUES} values per geom), for pictures; leaves the simulation unchanged.
     */
    double[] geoms() {
        double[] out = new double[MujocoNative.GEOM_VALUES * MujocoNative.count(live(), MujocoNative.NGEOM)];
        MujocoNative.geoms(live(), out);
        return out;
    }

    /** The id of the body named {@code name}; fails if there is none. */
    int bodyId(String name) {
        return id(MujocoNative.OBJ_BODY, "body", name);
    }

    /** The id of the site named {@code name}; fails if there is none. */
    int siteId(String name) {
        return id(MujocoNative.OBJ_SITE, "site", name);
    }

    private int id(int type, String what, String name) {
        int id = MujocoNative.name2id(live(), type, name);
        if (id < 0) {
            throw new IllegalArgumentException("the MuJoCo model has no " + what + " named '" + name + "'");
        }
        return id;
    }

    private long live() {
        if (closed) {
            throw new IllegalStateException("the MuJoCo simulation was closed");
        }
        return handle;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }
}
