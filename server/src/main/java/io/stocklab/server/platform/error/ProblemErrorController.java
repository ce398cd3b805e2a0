package io.stocklab.server.platform.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's whitelabel / JSON error page: errors that happen outside Spring MVC (in a filter, in the
 * container) are re-raised here so that {@link ProblemDetailsAdvice} writes them as problem details too.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request) throws Exception {
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof Exception ex) {
            throw ex;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        ProblemType type = ProblemType.forStatus(status);
        throw new ApiException(type, status >= 500 ? "An unexpected error occurred." : type.title() + ".");
    }
}
