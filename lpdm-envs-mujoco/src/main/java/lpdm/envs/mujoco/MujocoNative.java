package lpdm.envs.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import lpdm.envs.EnvUnavailableException;

/**
 * The JNI binding to the MuJoCo C library (src/main/native/lpdm_mujoco.c, compiled during the
 * Maven build when Debian's libmujoco-dev is installed). Arrays of mjModel and mjData are named by
 * the field numbers below, which must stay in the order of the C file's enum.
 */
final class MujocoNative {
    /** The Debian package that provides MuJoCo's library and headers. */
    static final String PACKAGE = "libmujoco-dev";
    /** The MuJoCo version the binding is written and tested for ({@code mj_version()}). */
    static final int VERSION = 222;

    static final int TIME = 0;
    static final int QPOS = 1;
    static final int QVEL = 2;
    static final int ACT = 3;
    static final int CTRL = 4;
    static final int QACC_WARMSTART = 5;
    static final int QFRC_APPLIED = 6;
    static final int XFRC_APPLIED = 7;
    static final int MOCAP_POS = 8;
    static final int MOCAP_QUAT = 9;
    static final int USERDATA = 10;
    static final int QACC = 11;
    static final int ACT_DOT = 12;
    static final int QFRC_CONSTRAINT = 13;
    static final int QFRC_ACTUATOR = 14;
    static final int XPOS = 15;
    static final int XIPOS = 16;
    static final int SITE_XPOS = 17;
    static final int CINERT = 18;
    static final int CVEL = 19;
    static final int CACC = 20;
    static final int CFRC_EXT = 21;
    /** Model arrays (read only). */
    static final int TIMESTEP = 22;
    static final int QPOS0 = 23;
    static final int CTRLRANGE = 24;
    static final int BODY_MASS = 25;
    static final int FIELD_COUNT = 26;

    static final int NQ = 0;
    static final int NV = 1;
    static final int NU = 2;
    static final int NA = 3;
    static final int NBODY = 4;
    static final int NSITE = 5;
    static final int NMOCAP = 6;
    static final int NUSERDATA = 7;
    static final int NGEOM = 8;

    /**
     * Values per geom written by {@link #geoms}: type (mjtGeom), group, size[3], rgba[4],
     * geom_xpos[3], geom_xmat[9] (row major).
     */
    static final int GEOM_VALUES = 21;

    /** MuJoCo's mjtObj numbers for {@link #name2id}. */
    static final int OBJ_BODY = 1;
    static final int OBJ_SITE = 6;

    private static final String LIBRARY = "/lpdm/envs/mujoco/native/liblpdm_mujoco.so";
    /** Written by the build instead of the library when it could not compile it, with the reason. */
    private static final String NOT_BUILT = "/lpdm/envs/mujoco/native/NOT-BUILT.txt";

    private static volatile String unavailable;
    private static volatile boolean loaded;

    private MujocoNative() {
    }

    /**
     * Loads the binding once; throws an {@link EnvUnavailableException} with one line naming the
     * package to install when MuJoCo or the compiled binding is missing.
     */
    static synchronized void ensureLoaded(String envId) {
        if (loaded) {
            return;
        }
        if (unavailable == null) {
            unavailable = load();
            loaded = unavailable == null;
        }
        if (!loaded) {
            throw new EnvUnavailableException(unavailableMessage(envId, unavailable));
        }
    }

    /** The one line that says what to install when the binding cannot load, and why it could not. */
    static String unavailableMessage(String envId, String why) {
        return envId + " cannot run without the MuJoCo physics library: install Debian's package " + PACKAGE + " (apt-get install " + PACKAGE
                + " gcc), then rebuild lpdm (./lpdm rebuilds by itself); " + why.replace('\n', ' ');
    }

    /** True if the binding loads (loading it if needed). */
    static synchronized boolean available() {
        if (!loaded && unavailable == null) {
            unavailable = load();
            loaded = unavailable == null;
        }
        return loaded;
    }

    /** Loads the library; returns null on success, otherwise why it could not. */
    private static String load() {
        try (InputStream in = MujocoNative.class.getResourceAsStream(LIBRARY)) {
            if (in == null) {
                try (InputStream why = MujocoNative.class.getResourceAsStream(NOT_BUILT)) {
                    // build.sh writes "missing: <what>" or "compiling failed (<cc>): <first error>".
                    String reason = why == null ? "" : new String(why.readAllBytes(), StandardCharsets.UTF_8).strip();
                    reason = reason.startsWith("missing: ") ? reason.substring("missing: ".length()) : reason;
                    return "the binding was not compiled when lpdm was built" + (reason.isEmpty() ? "" : " (" + reason + ")");
                }
            }
            Path file = Files.createTempFile("liblpdm_mujoco", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toAbsolutePath().toString());
        } catch (IOException e) {
            return "could not extract the binding: " + e.getMessage();
        } catch (UnsatisfiedLinkError e) {
            return "the binding did not load: " + e.getMessage();
        }
        int version = version();
        if (version != VERSION) {
            return "found MuJoCo " + version + ", the binding is written for " + VERSION;
        }
        return null;
    }

    static native int version();

    /** Loads a model from an XML file and makes its data; the handle for the other calls. */
    static native long load(String xmlPath);

    static native void free(long handle);

    static native int count(long handle, int which);

    static native int size(long handle, int field);

    static native void get(long handle, int field, double[] out);

    static native void set(long handle, int field, double[] in);

    static native void resetData(long handle);

    static native void forward(long handle);

    /** Sets ctrl, calls mj_step {@code nstep} times, then mj_rnePostConstraint. */
    static native void step(long handle, double[] ctrl, int nstep);

    static native int name2id(long handle, int objType, String name);

    /**
     * What a picture needs of every geom ({@link #GEOM_VALUES} per geom), the poses computed by
     * mj_kinematics from the current qpos on a scratch mjData: the simulation is not changed.
     */
    static native void geoms(long handle, double[] out);
}
