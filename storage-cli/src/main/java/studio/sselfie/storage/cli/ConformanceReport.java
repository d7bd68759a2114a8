package studio.sselfie.storage.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * What a conformance run found: per category, each behaviour passed, failed (with the assertion's message) or was
 * skipped (with the reason). Collects results as a JUnit listener; renders Markdown or JSON.
 */
final class ConformanceReport implements TestExecutionListener {
    enum Outcome { PASSED, FAILED, SKIPPED }

    record Behaviour(String category, String name, Outcome outcome, String detail) {
    }

    private final List<Behaviour> behaviours = new ArrayList<>();
    private final Progress progress;

    ConformanceReport(Progress progress) {
        this.progress = progress;
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            add(test, Outcome.SKIPPED, reason);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            return;
        }
        String detail = result.getThrowable().map(failure -> firstLine(String.valueOf(failure.getMessage()))).orElse("");
        switch (result.getStatus()) {
            case SUCCESSFUL -> add(test, Outcome.PASSED, "");
            case ABORTED -> add(test, Outcome.SKIPPED, detail);
            case FAILED -> add(test, Outcome.FAILED, detail.isEmpty()
                    ? result.getThrowable().map(Object::toString).orElse("") : detail);
            default -> throw new IllegalStateException("status " + result.getStatus());
        }
    }

    private void add(TestIdentifier test, Outcome outcome, String detail) {
        String category = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(source -> source.getClassName().substring(source.getClassName().lastIndexOf('$') + 1)).orElse("?");
        String method = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(MethodSource::getMethodName).orElse(test.getDisplayName());
        String name = test.getDisplayName().startsWith("[") ? method + " " + test.getDisplayName() : method;
        behaviours.add(new Behaviour(category, name, outcome, detail));
        progress.done(0);
    }

    synchronized List<Behaviour> behaviours() {
        return List.copyOf(behaviours);
    }

    synchronized long count(Outcome outcome) {
        return behaviours.stream().filter(b -> b.outcome() == outcome).count();
    }

    synchronized String markdown(String store) {
        StringBuilder out = new StringBuilder("# Conformance of " + store + "\n\n");
        out.append(count(Outcome.PASSED)).append(" passed, ").append(count(Outcome.FAILED)).append(" failed, ")
                .append(count(Outcome.SKIPPED)).append(" skipped of ").append(behaviours.size()).append(" behaviours.\n");
        for (Map.Entry<String, List<Behaviour>> category : byCategory().entrySet()) {
            long failed = category.getValue().stream().filter(b -> b.outcome() == Outcome.FAILED).count();
            out.append("\n## ").append(category.getKey()).append(failed > 0 ? " (" + failed + " failed)" : "").append("\n\n");
            out.append("| behaviour | result | detail |\n|---|---|---|\n");
            for (Behaviour behaviour : category.getValue()) {
                out.append("| ").append(cell(behaviour.name())).append(" | ").append(behaviour.outcome().name().toLowerCase())
                        .append(" | ").append(cell(behaviour.detail())).append(" |\n");
            }
        }
        return out.toString();
    }

    synchronized Map<String, Object> json(String store) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("store", store);
        report.put("passed", count(Outcome.PASSED));
        report.put("failed", count(Outcome.FAILED));
        report.put("skipped", count(Outcome.SKIPPED));
        Map<String, List<Map<String, String>>> categories = new LinkedHashMap<>();
        byCategory().forEach((category, list) -> categories.put(category, list.stream().map(b -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("behaviour", b.name());
            entry.put("result", b.outcome().name().toLowerCase());
            if (!b.detail().isEmpty()) {
                entry.put("detail", b.detail());
            }
            return entry;
        }).toList()));
        report.put("categories", categories);
        return report;
    }

    private Map<String, List<Behaviour>> byCategory() {
        Map<String, List<Behaviour>> categories = new TreeMap<>();
        behaviours.forEach(b -> categories.computeIfAbsent(b.category(), c -> new ArrayList<>()).add(b));
        categories.values().forEach(list -> list.sort(java.util.Comparator.comparing(Behaviour::name)));
        return categories;
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        String line = newline < 0 ? trimmed : trimmed.substring(0, newline) + " ...";
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
