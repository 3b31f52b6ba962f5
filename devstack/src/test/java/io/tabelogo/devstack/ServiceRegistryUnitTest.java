package io.tabelogo.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceRegistryUnitTest {

    @Test
    void readsServicesInStartOrderWithOptionalDatabaseAndExtraEnvironment() {
        var registry = ServiceRegistry.parse(
                "test.conf",
                List.of(
                        "# comment",
                        "",
                        "auth-service jar=services/auth-service/target/auth-service.jar port=8080"
                                + " database=tabelogo_auth redis-db=0 env.TABELOGO_JWT_ISSUER=tabelogo-auth",
                        "  map-service   jar=services/map-service/target/map-service.jar  port=8081  redis-db=2  "));

        assertThat(registry.services())
                .containsExactly(
                        new ServiceSpec(
                                "auth-service",
                                Path.of("services/auth-service/target/auth-service.jar"),
                                8080,
                                Optional.of("tabelogo_auth"),
                                0,
                                Map.of("TABELOGO_JWT_ISSUER", "tabelogo-auth")),
                        new ServiceSpec(
                                "map-service",
                                Path.of("services/map-service/target/map-service.jar"),
                                8081,
                                Optional.empty(),
                                2,
                                Map.of()));
        assertThat(registry.services().getFirst().readinessUrl()).isEqualTo("http://127.0.0.1:8080/health/readiness");
    }

    @Test
    void checkoutsRegistryParsesAndListsTheShippedServices() {
        // Maven runs the tests in devstack/, so the repository root is its parent.
        Path repositoryRoot = Path.of("").toAbsolutePath().getParent();
        assertThat(repositoryRoot.resolve(ServiceRegistry.CHECKOUT_FILE)).isRegularFile();

        assertThat(ServiceRegistry.load(repositoryRoot).services())
                .extracting(ServiceSpec::name, ServiceSpec::port, ServiceSpec::redisDb)
                .startsWith(tuple("auth-service", 8080, 0));
    }

    @Test
    void theGatewayAloneIsPublicAndRestaurantServicesSecretIsTheOneAuthServiceKnows() {
        Path repositoryRoot = Path.of("").toAbsolutePath().getParent();
        var services = ServiceRegistry.load(repositoryRoot).services();

        assertThat(services)
                .filteredOn(service -> service.env().containsKey("SERVER_ADDRESS"))
                .extracting(ServiceSpec::name)
                .containsExactly("gateway");
        String restaurantSecret = services.stream()
                .filter(service -> service.name().equals("restaurant-service"))
                .findFirst()
                .orElseThrow()
                .env()
                .get("TABELOGO_SERVICE_SECRET");
        assertThat(restaurantSecret).startsWith("${secret:");
        assertThat(services.getFirst().env().get("TABELOGO_SERVICE_CLIENTS"))
                .isEqualTo("restaurant-service:" + restaurantSecret);
    }

    @Test
    void aServiceWithAManagementPortIsProbedThereAndItsPortsAreTaken() {
        ServiceSpec gateway = ServiceRegistry.parse(
                        "test", List.of("gateway jar=g.jar port=8000 management-port=8001 redis-db=4"))
                .services()
                .getFirst();

        assertThat(gateway.url()).isEqualTo("http://127.0.0.1:8000");
        assertThat(gateway.readinessUrl()).isEqualTo("http://127.0.0.1:8001/health/readiness");
        assertThat(gateway.metricsUrl()).isEqualTo("http://127.0.0.1:8001/metrics");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServiceRegistry.parse(
                        "test",
                        List.of(
                                "gateway jar=g.jar port=8000 management-port=8001 redis-db=4",
                                "other jar=o.jar port=8001 redis-db=3")))
                .withMessageContaining("port 8001 is already taken");
    }

    @Test
    void readsTheCheckoutsFileRatherThanTheCopyInTheJar(@TempDir Path root) throws Exception {
        Path file = root.resolve(ServiceRegistry.CHECKOUT_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "fake-service jar=fake.jar port=8099 redis-db=1\n");

        assertThat(ServiceRegistry.load(root).services())
                .extracting(ServiceSpec::name)
                .containsExactly("fake-service");
    }

    @Test
    void fallsBackToTheCopyInTheJarWithoutACheckout(@TempDir Path root) {
        assertThat(ServiceRegistry.load(root).services()) // the copy packed from the same file
                .extracting(ServiceSpec::name)
                .contains("auth-service");
    }

    @Test
    void namesTheCheckoutsFileInItsErrors(@TempDir Path root) throws Exception {
        Path file = root.resolve(ServiceRegistry.CHECKOUT_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "fake-service port=8099 redis-db=1\n");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServiceRegistry.load(root))
                .withMessageStartingWith(file + " line 1: ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            auth jar=a.jar port=8080 redis-db=0 prot=1    | line 2: unknown key 'prot' (known: jar, port, management-port, database, redis-db, env.NAME)
            auth jar=a.jar redis-db=0                     | line 2: port=<1-65535> is missing
            auth port=8080 redis-db=0                     | line 2: 'auth' has no jar=<path from the repository root>
            auth jar=a.jar port=http redis-db=0           | line 2: port must be a number, was 'http'
            auth jar=a.jar port=8080 redis-db=5           | line 2: redis-db 5 is the shared database; give the service its own
            auth jar=a.jar port=8080 redis-db=0 database=Auth-DB | line 2: database 'Auth-DB' must be lower-case letters, digits and _
            Auth jar=a.jar port=8080 redis-db=0           | line 2: service name 'Auth' must be lower-case letters, digits and dashes
            auth jar=a.jar port=8080 redis-db=0 8080      | line 2: expected key=value, got '8080'
            map jar=b.jar port=8081 redis-db=2            | line 2: service 'map' is listed twice
            other jar=c.jar port=8081 redis-db=3          | line 2: port 8081 is already taken by another service
            """)
    void rejectsBadLineNamingItsNumberAndTheProblem(String badLine, String expectedMessage) {
        var lines = List.of("map jar=b.jar port=8081 redis-db=2", badLine);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServiceRegistry.parse("services.conf", lines))
                .withMessage("services.conf " + expectedMessage);
    }
}
