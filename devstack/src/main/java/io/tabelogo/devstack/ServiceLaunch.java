package io.tabelogo.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a service's JVM is started locally, to start faster and weigh less than the JVM's defaults on a laptop or a
 * 2-core machine. Always: the serial collector and a 256 MB heap (the defaults size a quarter of the machine's
 * memory per service). On JDK 25 and newer also an ahead-of-time cache (JEP 483/514/515) once one exists for the
 * jar's build: {@link #train} extracts the jar (Spring Boot's {@code jarmode=tools extract}) and makes a training run
 * that stops after the context refresh, recording the loaded and linked classes and the start-up profiles; later
 * starts map that cache. A training costs several times a start (about 38 s of CPU for a service, 19 s for a start
 * without a cache, 9 s with one: bench/README.md), so the supervisor starts a service from its jar when its cache is
 * missing and trains the cache in the background, at the lowest CPU priority, once the stack is ready. Anything
 * going wrong here falls back to plain {@code java -jar}.
 */
final class ServiceLaunch {

    static final List<String> MEMORY = List.of("-XX:+UseSerialGC", "-Xmx256m");
    private static final Duration TRAINING_LIMIT = Duration.ofMinutes(5);
    /** A training run is a second instance of a running service: every port it opens is one it chooses itself. */
    private static final List<String> PORT_VARIABLES =
            List.of("SERVER_PORT", "TABELOGO_MANAGEMENT_PORT", "TABELOGO_GRPC_PORT");
    /** Where the standard {@code nice} lives on Linux and macOS: trainings then only use otherwise idle CPU. */
    private static final List<Path> NICE = List.of(Path.of("/usr/bin/nice"), Path.of("/bin/nice"));

    private final StackHome home;

    ServiceLaunch(StackHome home) {
        this.home = home;
    }

    /** The command that starts {@code service}: from its ahead-of-time cache when this build of its jar has one. */
    List<String> command(ServiceSpec service) {
        Path jar = jar(service);
        List<String> command = new ArrayList<>(List.of(Executables.currentJava().toString()));
        command.addAll(MEMORY);
        Cache cache = cacheOf(service);
        if (canTrain(jar) && cache.isFor(jar)) {
            command.add("-XX:AOTCache=" + cache.file());
            command.addAll(List.of("-jar", cache.extractedJar().toString()));
        } else {
            command.addAll(List.of("-jar", jar.toString()));
        }
        return command;
    }

    /** Whether {@link #train} would make a cache: JDK 25+, a Spring Boot jar, and no cache for this build of it. */
    boolean needsTraining(ServiceSpec service) {
        Path jar = jar(service);
        return canTrain(jar) && !cacheOf(service).isFor(jar);
    }

    /**
     * Extracts the service's jar and trains its ahead-of-time cache, with the service's environment but ports of its
     * own, so that it can run beside the service; the next start uses the cache. Interrupting it ends the training.
     */
    void train(ServiceSpec service, Map<String, String> env) throws IOException, InterruptedException {
        Path jar = jar(service);
        Cache cache = cacheOf(service);
        String stamp = Cache.stamp(jar); // before extracting: a jar rebuilt meanwhile makes a stale stamp, not a mix
        deleteRecursively(cache.dir());
        Files.createDirectories(cache.dir());
        Map<String, String> trainingEnv = new HashMap<>(env);
        PORT_VARIABLES.forEach(variable -> trainingEnv.put(variable, "0"));
        run(
                cache,
                trainingEnv,
                List.of(
                        Executables.currentJava().toString(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        cache.extractedJar().getParent().toString()));
        List<String> training =
                new ArrayList<>(List.of(Executables.currentJava().toString()));
        training.addAll(MEMORY);
        training.addAll(List.of(
                "-XX:AOTCacheOutput=" + cache.file(),
                "-Dspring.context.exit=onRefresh", // loads and wires everything, serves nothing, exits
                "-jar",
                cache.extractedJar().toString()));
        run(cache, trainingEnv, training);
        if (!Files.isRegularFile(cache.file())) {
            throw new IllegalStateException("the training run wrote no cache; see " + cache.log());
        }
        Files.writeString(cache.stampFile(), stamp);
    }

    /** Where {@link #train} writes what the training printed. */
    Path trainingLog(ServiceSpec service) {
        return cacheOf(service).log();
    }

    private Path jar(ServiceSpec service) {
        return home.root().resolve(service.jar()).toAbsolutePath();
    }

    private Cache cacheOf(ServiceSpec service) {
        Path dir = home.dir().resolve("aot").resolve(service.name());
        return new Cache(
                dir,
                dir.resolve(service.name() + ".aot"),
                dir.resolve("app").resolve(service.jar().getFileName()));
    }

    private record Cache(Path dir, Path file, Path extractedJar) {

        Path stampFile() {
            return dir.resolve("built-from");
        }

        Path log() {
            return dir.resolve("training.log");
        }

        /** The cache was trained on this build of the jar (its size and time, as when it was trained). */
        boolean isFor(Path jar) {
            try {
                return Files.isRegularFile(file)
                        && Files.isRegularFile(stampFile())
                        && Files.readString(stampFile()).equals(stamp(jar));
            } catch (IOException unreadable) {
                return false;
            }
        }

        static String stamp(Path jar) throws IOException {
            return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        }
    }

    /** Only Spring Boot's executable jars on JDK 25+ can be extracted and trained this way. */
    private static boolean canTrain(Path jar) {
        if (Runtime.version().feature() < 25) {
            return false;
        }
        try (var file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getManifest() != null
                    && file.getManifest().getMainAttributes().getValue("Spring-Boot-Version") != null;
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path :
                        paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private void run(Cache cache, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        List<String> niced = new ArrayList<>();
        NICE.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .ifPresent(nice -> niced.addAll(List.of(nice.toString(), "-n", "19")));
        niced.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(niced)
                .directory(home.root().toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(cache.log().toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(TRAINING_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the training run took over " + TRAINING_LIMIT.toSeconds() + " s");
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("'%s' exited with %d; see %s"
                    .formatted(
                            String.join(" ", command.subList(1, Math.min(command.size(), 4))),
                            process.exitValue(),
                            cache.log()));
        }
    }
}
