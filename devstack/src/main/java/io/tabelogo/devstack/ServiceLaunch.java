package io.tabelogo.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a service's JVM is started locally, to start faster and weigh less than the JVM's defaults on a laptop or a
 * 2-core machine. Always: the serial collector and a 256 MB heap (the defaults size a quarter of the machine's
 * memory per service). On JDK 25 and newer also an ahead-of-time cache (JEP 483/514): once per build of a jar, the
 * jar is extracted (Spring Boot's {@code jarmode=tools extract}) and a training run that stops after the context
 * refresh records the loaded and linked classes; later starts map that cache. Measured on spider-service: ready
 * after 4.8 s instead of 11.2 s, 340 MB instead of 632 MB resident (README "Start-up"). Anything going wrong here
 * falls back to plain {@code java -jar}.
 */
final class ServiceLaunch {

    private static final Logger log = LoggerFactory.getLogger(ServiceLaunch.class);
    static final List<String> MEMORY = List.of("-XX:+UseSerialGC", "-Xmx256m");
    private static final Duration TRAINING_LIMIT = Duration.ofMinutes(3);

    private final StackHome home;

    ServiceLaunch(StackHome home) {
        this.home = home;
    }

    /** The command that starts {@code service}; may first train its cache (with the service's environment). */
    List<String> command(ServiceSpec service, Map<String, String> env) {
        Path jar = home.root().resolve(service.jar()).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Executables.currentJava().toString()));
        command.addAll(MEMORY);
        if (Runtime.version().feature() >= 25 && isSpringBootJar(jar)) {
            try {
                Cache cache = cacheFor(service, jar, env);
                command.add("-XX:AOTCache=" + cache.file());
                command.addAll(List.of("-jar", cache.extractedJar().toString()));
                return command;
            } catch (IOException | RuntimeException e) {
                log.warn("{}: no ahead-of-time cache ({}); starting it from its jar", service.name(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    private record Cache(Path file, Path extractedJar) {}

    /** Only Spring Boot's executable jars can be extracted and trained this way. */
    private static boolean isSpringBootJar(Path jar) {
        try (var file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getManifest() != null
                    && file.getManifest().getMainAttributes().getValue("Spring-Boot-Version") != null;
        } catch (IOException unreadable) {
            return false;
        }
    }

    private Cache cacheFor(ServiceSpec service, Path jar, Map<String, String> env)
            throws IOException, InterruptedException {
        Path dir = home.dir().resolve("aot").resolve(service.name());
        Path stampFile = dir.resolve("built-from");
        Cache cache = new Cache(
                dir.resolve(service.name() + ".aot"), dir.resolve("app").resolve(jar.getFileName()));
        String stamp = Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        if (Files.isRegularFile(cache.file())
                && Files.isRegularFile(stampFile)
                && Files.readString(stampFile).equals(stamp)) {
            return cache;
        }
        deleteRecursively(dir);
        Files.createDirectories(dir);
        log.info(
                "{}: its jar changed; extracting it and training an ahead-of-time cache (once per build)",
                service.name());
        run(
                service,
                dir,
                env,
                List.of(
                        Executables.currentJava().toString(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        dir.resolve("app").toString()));
        List<String> training =
                new ArrayList<>(List.of(Executables.currentJava().toString()));
        training.addAll(MEMORY);
        training.addAll(List.of(
                "-XX:AOTCacheOutput=" + cache.file(),
                "-Dspring.context.exit=onRefresh", // loads and wires everything, serves nothing, exits
                "-jar",
                cache.extractedJar().toString()));
        run(service, dir, env, training);
        if (!Files.isRegularFile(cache.file())) {
            throw new IllegalStateException("the training run wrote no cache; see " + dir.resolve("training.log"));
        }
        Files.writeString(stampFile, stamp);
        return cache;
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

    private void run(ServiceSpec service, Path dir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.root().toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("training.log").toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(TRAINING_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the training run took over " + TRAINING_LIMIT.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("'%s' exited with %d; see %s"
                    .formatted(
                            String.join(" ", command.subList(1, Math.min(command.size(), 4))),
                            process.exitValue(),
                            dir.resolve("training.log")));
        }
    }
}
