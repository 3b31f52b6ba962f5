package io.tabelogo.restaurant.grpc;

import io.tabelogo.platform.grpc.GrpcAccessRules;
import io.tabelogo.platform.grpc.GrpcAccessRules.Access;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call what over gRPC, as over HTTP: changing the catalogue needs an administrator's token; favourites
 * need the user's own token (or an administrator's), whatever {@code user_id} the message names; reading is open
 * to any verified caller.
 */
@Configuration(proxyBeanMethods = false)
class RestaurantGrpcAccess {

    private static final String SERVICE = "restaurant.v1.RestaurantService/";
    private static final Map<String, Access> RULES = Map.of(
            SERVICE + "CreateRestaurant", Access.ADMIN,
            SERVICE + "UpdateRestaurant", Access.ADMIN,
            SERVICE + "DeleteRestaurant", Access.ADMIN,
            SERVICE + "AddFavorite", Access.USER,
            SERVICE + "RemoveFavorite", Access.USER,
            SERVICE + "ListFavorites", Access.USER);

    @Bean
    GrpcAccessRules restaurantGrpcRules() {
        return method -> RULES.getOrDefault(method, Access.ANY_CALLER);
    }
}
