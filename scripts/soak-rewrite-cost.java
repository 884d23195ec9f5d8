// What rewriting a whole table at every checkpoint cost before tables were appended (docs/soak.md):
// times CsvTable.write (the old way progress.csv was written) of a given progress.csv.
// Usage: java -cp "lpdm-cli/target/lib/*" scripts/soak-rewrite-cost.java RUN_DIR/progress.csv
public class SoakRewriteCost {
    public static void main(String[] args) throws Exception {
        var table = lpdm.lab.run.CsvTable.read(java.nio.file.Path.of(args[0]));
        var out = java.nio.file.Files.createTempFile("rewrite-cost", ".csv");
        for (int k = 0; k < 3; k++) {
            table.write(out); // warm-up
        }
        int n = 10;
        long start = System.nanoTime();
        for (int k = 0; k < n; k++) {
            table.write(out);
        }
        System.out.printf("%d rows: %.1f ms per whole rewrite%n", table.rows().size(), (System.nanoTime() - start) / 1e6 / n);
        java.nio.file.Files.deleteIfExists(out);
    }
}
