package io.tabelogo.platform.grpc;

/**
 * Who may call which gRPC method of a service, by full method name ({@code restaurant.v1.RestaurantService/
 * DeleteRestaurant}). Every call needs a valid token anyway; a service declares one bean of this for the methods
 * that need more. Methods it does not name are open to any caller with a valid token.
 */
@FunctionalInterface
public interface GrpcAccessRules {

    enum Access {
        /** Any valid token: a user's, or a service token addressed to this service. */
        ANY_CALLER,
        /** A user's token (a service calling on a user's behalf passes the user's token on). */
        USER,
        /** A user's token with {@code role: admin}. */
        ADMIN,
        /** A service token: for calls no end user may make directly. */
        SERVICE
    }

    Access accessTo(String fullMethodName);
}
