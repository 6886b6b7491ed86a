package nl.commonsledger.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation a handler performs, declared where the route is mapped, so that who may call a route
 * is read beside its path and cannot drift from it. On a controller class it holds for every handler
 * method of that class that does not declare its own. {@link AccessInterceptor} applies it to the
 * handler Spring MVC resolved for the request; {@link AccessDeclarations} refuses to start the
 * application while one of the ledger's handlers declares nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Access {

    Operation value();
}
