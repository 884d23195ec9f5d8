package lpdm.envs.minatar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lpdm.envs.EnvProvider;
import lpdm.envs.EnvReplayer;
import lpdm.envs.EnvSpec;

/**
 * Registers MinAtar's ten Gymnasium ids, {@code MinAtar/<Game>-v0} (all six actions) and
 * {@code -v1} (minimal action set), for Asterix, Breakout, Freeway, Seaquest and SpaceInvaders, with
 * arguments {@code sticky_action_prob} (0.1) and {@code difficulty_ramping} (true). As in the
 * original, no time limit is registered (Freeway ends itself after 2501 steps) and no reward
 * threshold. Recordings are replayed in MinAtar's golden-trajectory format ({@link MinAtarReplay}).
 */
public final class MinAtarProvider implements EnvProvider {
    @Override
    public List<EnvSpec> specs() {
        List<EnvSpec> specs = new ArrayList<>();
        for (MinAtarGame game : MinAtarGame.values()) {
            for (int version = 0; version <= 1; version++) {
                boolean minimal = version == 1;
                specs.add(new EnvSpec(game.id(version), args -> MinAtarEnv.fromArguments(game, minimal, args), 0, Double.NaN,
                        Map.of(MinAtarEnv.STICKY_ACTION_PROB, 0.1, MinAtarEnv.DIFFICULTY_RAMPING, true)));
            }
        }
        return specs;
    }

    @Override
    public Optional<EnvReplayer> replayer(String envId) {
        return Optional.of(MinAtarReplay::replay);
    }
}
