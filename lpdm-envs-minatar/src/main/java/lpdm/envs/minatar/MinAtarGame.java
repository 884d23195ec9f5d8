package lpdm.envs.minatar;

import java.awt.Color;
import java.util.List;
import java.util.function.Function;

/**
 * The five MinAtar games: the id stem ({@code MinAtar/<stem>-v0|v1}), the original's game name, the
 * meaning and drawing colour of each observation channel, and the order in which channels are
 * drawn when several are set in one cell (highest priority first).
 */
public enum MinAtarGame {
    ASTERIX("Asterix", "asterix", Asterix::new,
            List.of(channel("player", 0x4FC3F7), channel("enemy", 0xE53935), channel("trail", 0x5D4037), channel("gold", 0xFFD600)),
            new int[] {0, 1, 3, 2}),
    BREAKOUT("Breakout", "breakout", ramping -> new Breakout(),
            List.of(channel("paddle", 0x4FC3F7), channel("ball", 0xFFFFFF), channel("trail", 0x757575), channel("brick", 0xEF6C00)),
            new int[] {1, 0, 3, 2}),
    FREEWAY("Freeway", "freeway", ramping -> new Freeway(),
            List.of(channel("chicken", 0xFFD600), channel("car", 0xE53935), channel("trail, speed 1", 0x1B5E20),
                    channel("trail, speed 2", 0x2E7D32), channel("trail, speed 3", 0x43A047), channel("trail, speed 4", 0x66BB6A),
                    channel("trail, speed 5", 0xA5D6A7)),
            new int[] {0, 1, 6, 5, 4, 3, 2}),
    SEAQUEST("Seaquest", "seaquest", Seaquest::new,
            List.of(channel("sub front", 0xFFD600), channel("sub back", 0xF9A825), channel("player bullet", 0xFFFFFF),
                    channel("trail", 0x5D4037), channel("enemy bullet", 0xFF80AB), channel("enemy fish", 0x43A047),
                    channel("enemy sub", 0xE53935), channel("oxygen gauge", 0x1E88E5), channel("diver gauge", 0x8E24AA),
                    channel("diver", 0x00E5FF)),
            new int[] {0, 1, 6, 5, 9, 4, 2, 7, 8, 3}),
    SPACE_INVADERS("SpaceInvaders", "space_invaders", SpaceInvaders::new,
            List.of(channel("cannon", 0x4FC3F7), channel("alien", 0x43A047), channel("alien, moving left", 0xAB47BC),
                    channel("alien, moving right", 0xFB8C00), channel("player bullet", 0xFFFFFF), channel("alien bullet", 0xE53935)),
            new int[] {0, 5, 4, 2, 3, 1});

    /** A channel's meaning and the colour it is drawn in. */
    public record Channel(String name, Color color) {
    }

    private final String stem;
    private final String originalName;
    private final Function<Boolean, Game> factory;
    private final List<Channel> channels;
    private final int[] drawPriority;

    MinAtarGame(String stem, String originalName, Function<Boolean, Game> factory, List<Channel> channels, int[] drawPriority) {
        this.stem = stem;
        this.originalName = originalName;
        this.factory = factory;
        this.channels = channels;
        this.drawPriority = drawPriority;
    }

    private static Channel channel(String name, int rgb) {
        return new Channel(name, new Color(rgb));
    }

    /** The id stem, e.g. {@code SpaceInvaders}. */
    public String stem() {
        return stem;
    }

    /** The original's game name, e.g. {@code space_invaders} (the golden files' {@code game}). */
    public String originalName() {
        return originalName;
    }

    /** The registry id of version 0 (all six actions) or 1 (the minimal action set). */
    public String id(int version) {
        return "MinAtar/" + stem + "-v" + version;
    }

    /** Channel meanings and colours, by channel index. */
    public List<Channel> channels() {
        return channels;
    }

    /** Channels in drawing priority, highest first. */
    int[] drawPriority() {
        return drawPriority.clone();
    }

    /** A new game with difficulty ramping on or off (Breakout and Freeway ignore it). */
    Game create(boolean difficultyRamping) {
        return factory.apply(difficultyRamping);
    }
}
