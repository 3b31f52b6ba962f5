package io.tabelogo.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which command starts a service: from its ahead-of-time cache only when the cache was trained on this jar. */
class ServiceLaunchUnitTest {

    @TempDir
    Path root;

    @Test
    void aSpringBootJarStartsFromItsJarUntilItsCacheIsTrainedThenFromTheCacheUntilTheJarChanges() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "ahead-of-time caches need JDK 25");
        ServiceSpec service = service(jar("svc.jar", true));
        var launch = new ServiceLaunch(new StackHome(root));

        assertThat(launch.needsTraining(service)).isTrue();
        assertThat(launch.command(service))
                .endsWith("-jar", root.resolve("svc.jar").toString())
                .noneMatch(argument -> argument.startsWith("-XX:AOTCache"));

        // What a training leaves behind: the cache and the stamp of the jar it was trained on.
        Path cacheDir = root.resolve(".tabelogo/aot/svc");
        Files.createDirectories(cacheDir);
        Files.writeString(cacheDir.resolve("svc.aot"), "cache");
        Path jar = root.resolve("svc.jar");
        Files.writeString(
                cacheDir.resolve("built-from"),
                Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis());

        assertThat(launch.needsTraining(service)).isFalse();
        assertThat(launch.command(service))
                .contains("-XX:AOTCache=" + cacheDir.resolve("svc.aot"))
                .endsWith("-jar", cacheDir.resolve("app/svc.jar").toString());

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // a new build
        assertThat(launch.needsTraining(service)).isTrue();
        assertThat(launch.command(service)).endsWith("-jar", jar.toString());
    }

    @Test
    void aJarThatIsNotSpringBootsIsNeverTrained() throws Exception {
        ServiceSpec service = service(jar("plain.jar", false));
        var launch = new ServiceLaunch(new StackHome(root));

        assertThat(launch.needsTraining(service)).isFalse();
        assertThat(launch.command(service))
                .endsWith("-jar", root.resolve("plain.jar").toString());
    }

    private ServiceSpec service(Path jar) {
        return new ServiceSpec("svc", root.relativize(jar), 18999, Optional.empty(), 0, Map.of());
    }

    private Path jar(String name, boolean springBoot) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (springBoot) {
            manifest.getMainAttributes().putValue("Spring-Boot-Version", "4.0.0");
        }
        Path jar = root.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar);
                var ignored = new JarOutputStream(out, manifest)) {
            // a manifest is all a launch decision reads
        }
        return jar;
    }
}
