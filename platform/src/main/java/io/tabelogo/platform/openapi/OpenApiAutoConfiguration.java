package io.tabelogo.platform.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The services' OpenAPI descriptions name properties as the wire does. springdoc describes models with swagger-core,
 * which has a Jackson mapper of its own that knows nothing of the services' snake_case (SNAKE_CASE in
 * tabelogo-defaults.properties); the web app's types are generated from these descriptions, so they must be exact.
 */
@AutoConfiguration
@ConditionalOnClass(ModelResolver.class)
public class OpenApiAutoConfiguration {

    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
