package lpdm.core.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * One convolution layer of a {@link Network} as a setting names it: {@code 16x3} is 16 filters of
 * 3x3, {@code 16x3x5} 16 filters of 3 rows by 5 columns; the padding is a separate setting.
 *
 * @param filters output channels
 * @param kernelHeight kernel rows
 * @param kernelWidth kernel columns
 * @param padding valid or same (stride is always 1)
 */
public record ConvSpec(int filters, int kernelHeight, int kernelWidth, Conv2d.Padding padding) {
    public ConvSpec {
        if (filters <= 0 || kernelHeight <= 0 || kernelWidth <= 0 || padding == null) {
            throw new IllegalArgumentException("a convolution needs positive filters and kernel sizes and a padding, got " + filters + " filters "
                    + kernelHeight + "x" + kernelWidth + ", padding " + padding);
        }
    }

    /** Parses {@code FILTERSxKERNEL} or {@code FILTERSxROWSxCOLUMNS}. */
    public static ConvSpec parse(String text, Conv2d.Padding padding) {
        String[] parts = text.trim().split("x", -1);
        try {
            if (parts.length == 2) {
                int k = Integer.parseInt(parts[1]);
                return new ConvSpec(Integer.parseInt(parts[0]), k, k, padding);
            }
            if (parts.length == 3) {
                return new ConvSpec(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), padding);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("convolution '" + text + "' is not FILTERSxKERNEL or FILTERSxROWSxCOLUMNS (e.g. 16x3: 16 filters of 3x3)");
    }

    /** Parses a comma-separated list (empty text: no convolutions), all with one padding. */
    public static List<ConvSpec> parseList(String text, Conv2d.Padding padding) {
        List<ConvSpec> specs = new ArrayList<>();
        if (text.isBlank()) {
            return specs;
        }
        for (String part : text.split(",", -1)) {
            specs.add(parse(part, padding));
        }
        return specs;
    }

    /** As written in settings, e.g. {@code 16x3} or {@code 16x3x5}. */
    public String settingText() {
        return kernelHeight == kernelWidth ? filters + "x" + kernelHeight : filters + "x" + kernelHeight + "x" + kernelWidth;
    }
}
