/**
 * Generated from the server's /openapi.json by openapi-typescript (scripts/dashboard-api-types.ts).
 * Do not edit: change the server's schemas, then run `npm run build:dashboard-api-types`.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process serves requests */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Alive */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "unavailable";
                            checks?: {
                                [key: string]: "ok" | "unavailable";
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: storage reachable and taking writes (and, when configured, Kafka reachable) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ready */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "unavailable";
                            checks?: {
                                [key: string]: "ok" | "unavailable";
                            };
                        };
                    };
                };
                /** @description A dependency is unreachable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "unavailable";
                            checks?: {
                                [key: string]: "ok" | "unavailable";
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus exposition
         * @description Open by default, as Prometheus targets are; with VIGIL_METRICS_TOKEN set, only `Authorization: Bearer <token>` reads it (its labels name every project's models and features).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Metrics in the Prometheus text format */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
                    };
                };
                /** @description VIGIL_METRICS_TOKEN is set and the request does not carry it */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the project's API keys (without the keys themselves) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Keys of the caller's project */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: components["schemas"]["ApiKey"][];
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API key (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateApiKey"];
                };
            };
            responses: {
                /** @description The new key; store it now, it is not shown again */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedApiKey"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller: project and scopes of the key (of the session cookie or the Authorization header) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The caller */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Caller"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Sign in to the dashboard: exchange an API key for an httpOnly session cookie
         * @description Sets the cookie `vigil_session` (httpOnly, SameSite=Strict, Secure over HTTPS, 12 h). Requests carrying it need no Authorization header; those that change something must also send the header `x-vigil-csrf`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SignIn"];
                };
            };
            responses: {
                /** @description Signed in: the key's project and scopes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Caller"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Sign out of the dashboard: clears the session cookie (the key itself stays valid) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the project's models with a registry and health summary */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Models, by name */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            models: components["schemas"]["ModelSummary"][];
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a model: task and typed features */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateModel"];
                };
            };
            responses: {
                /** @description The created model */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Model"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with what exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One model with its versions, aliases and baseline status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The model */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ModelDetail"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Versions of a model, oldest first, with baseline status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            versions: components["schemas"]["ModelVersion"][];
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a version (immutable once registered, tags aside)
         * @description Answers 201 for a new version. Registering an existing version again with identical fields is a no-op answered 200 (safe for pipelines that retry); with different fields it is a 409 naming them.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RegisterVersion"];
                };
            };
            responses: {
                /** @description Already registered with exactly these fields; nothing changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ModelVersion"];
                    };
                };
                /** @description Registered */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ModelVersion"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with what exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    model: string;
                    version: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ModelVersion"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a version's tags (replaced as a whole) or baselineFrom */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    model: string;
                    version: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateVersion"];
                };
            };
            responses: {
                /** @description The version after the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ModelVersion"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/models/{model}/aliases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Aliases of a model and the versions they point at */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Aliases, by name */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            aliases: components["schemas"]["Alias"][];
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/aliases/{alias}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Point an alias at a registered version (one atomic change) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    model: string;
                    alias: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SetAlias"];
                };
            };
            responses: {
                /** @description The alias now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alias"] & {
                            /** @description Where the alias pointed before; null if it was not set */
                            previousVersion: string | null;
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Remove an alias */
        delete: {
            parameters: {
                query?: {
                    /** @description Why: kept in the audit log */
                    reason?: string;
                };
                header?: never;
                path: {
                    model: string;
                    alias: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/versions/{version}/baseline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A version's baseline and profile: its own, or the one named by baselineFrom */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    model: string;
                    version: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The baseline the version is judged against */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Baseline"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload a version's training baseline (CSV or NDJSON, streamed, any size)
         * @description Columns: every feature of the model (all required), plus optional `prediction` and `label`. CSV has a header line; an empty cell (or `NaN`, `NA`) is a missing value.
         *
         *     NDJSON has one object per line; `null` or an absent key is missing. Numeric features take numbers; categorical ones strings (classifiers' `prediction` / `label` may also be numbers or booleans).
         *
         *     The file is streamed into storage as it arrives. A wrong type, unknown column, missing feature column, truncated line or empty file is a 400 naming the row and column, and nothing of that upload is kept.
         *
         *     Only a complete upload replaces the version's baseline, in one step: readers see the old baseline or the new one. Answers with the profile computed from the stored rows.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Why: kept in the audit log */
                    reason?: string;
                };
                header?: never;
                path: {
                    model: string;
                    version: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "text/csv": string;
                    "application/x-ndjson": string;
                };
            };
            responses: {
                /** @description Stored; the version now uses this baseline */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Baseline"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not CSV or NDJSON, or compressed */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The model's append-only registry history: who, when, what, why
         * @description Every registry change (model created, version registered or updated, alias set or deleted, baseline uploaded) with the API key that made it, the state before and after, and the reason given. Oldest first unless `order=desc`; page with `limit` and `cursor`. Nothing in the API can change or delete entries.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Entries per page (1-1000) */
                    limit?: number;
                    /** @description `nextCursor` of the previous page */
                    cursor?: string;
                    /** @description `asc` (default): oldest first, the history as it happened; `desc`: newest first */
                    order?: "asc" | "desc";
                };
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: components["schemas"]["AuditEntry"][];
                            /** @description Pass as `cursor` for the next page; null at the end */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/predictions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send predictions (all-or-nothing; durable before 2xx; idempotent by id) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PredictionsBody"];
                };
            };
            responses: {
                /** @description Every item is stored */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IngestResult"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body or batch too large; split it */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Content-Type is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Ingest saturated; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send ground-truth labels, joined to predictions by id (before or after them) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FeedbackBody"];
                };
            };
            responses: {
                /** @description Every item is stored */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Items in the request, all stored (or already stored) */
                            accepted: number;
                            /** @description Items whose id was already stored; stored once */
                            duplicates: number;
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body or batch too large; split it */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Content-Type is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Ingest saturated; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OTLP/HTTP logs: ml.prediction and ml.feedback log records become predictions and labels
         * @description An OpenTelemetry `ExportLogsServiceRequest` as `application/x-protobuf` or `application/json`. Records follow the conventions of the API contract (`event.name` = `ml.prediction` or `ml.feedback`, attributes `ml.model.name`, `ml.features`, ...); other records are counted and ignored. All-or-nothing like `/v1/predictions`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/x-protobuf": string;
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Stored: an empty ExportLogsServiceResponse, in the encoding of the request */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body or batch too large; split it */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Content-Type is not application/json */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Ingest saturated; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/predictions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Browse stored predictions, newest first, with labels once known */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    version?: string;
                    limit?: number;
                    /** @description The `nextCursor` of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            predictions: components["schemas"]["StoredPrediction"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/predictions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One prediction: inputs, output, version, latency, label */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    model: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The prediction */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StoredPrediction"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/drift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stored drift results per window and feature
         * @description Reads stored results only (the scheduler and POST .../drift/run compute them). Windows are per model version: each (window, version) is judged against that version's baseline. `bins=true` adds edges, categories and counts.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Windows starting at or after this (default: 7 days before `to`) */
                    from?: string;
                    /** @description Windows starting before this (default: now) */
                    to?: string;
                    /** @description Only windows of this model version (default: every version, each window names its version) */
                    version?: string;
                    /** @description Only this feature (`__prediction` for the model output) */
                    feature?: string;
                    /** @description Include edges/categories and baseline/current counts */
                    bins?: "true" | "false";
                };
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Windows, oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Drift"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/drift/matrix": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One statistic of every feature in every window, compactly: the heatmap of drift
         * @description The same stored results as GET .../drift, laid out as features x windows with one statistic and a verdict letter per cell: a 90-day x 50-feature range of hourly windows is a few hundred kilobytes.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Windows starting at or after this (default: 7 days before `to`) */
                    from?: string;
                    /** @description Windows starting before this (default: now) */
                    to?: string;
                    /** @description Only windows of this model version (default: every version, each window names its version) */
                    version?: string;
                    /** @description The statistic in the cells */
                    statistic?: "psi" | "jsDistance" | "ksStatistic" | "ksPValue" | "ksPValueAdjusted" | "wasserstein" | "wassersteinNormed" | "baselineMissingRate" | "currentMissingRate" | "outOfRangeRate" | "chi2Statistic" | "chi2PValue" | "chi2Dof" | "chi2PValueAdjusted" | "newCategoryRate";
                };
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Features x windows */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DriftMatrix"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/drift/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluate (or re-evaluate) the windows of a range now: backfill */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DriftRun"];
                };
            };
            responses: {
                /** @description The evaluated windows (those with predictions), oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Drift"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/quality": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Data quality per window: missing, out-of-range, new categories, refused values */
        get: {
            parameters: {
                query?: {
                    /** @description Windows starting at or after this (default: 7 days before `to`) */
                    from?: string;
                    /** @description Windows starting before this (default: now) */
                    to?: string;
                    /** @description Only windows of this model version (default: every version, each window names its version) */
                    version?: string;
                };
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Data quality per window: missing, out-of-range, new categories, refused values */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Quality"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/performance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Online performance per window once labels arrive, and its skew against the offline metrics */
        get: {
            parameters: {
                query?: {
                    /** @description Windows starting at or after this (default: 7 days before `to`) */
                    from?: string;
                    /** @description Windows starting before this (default: now) */
                    to?: string;
                    /** @description Only windows of this model version (default: every version, each window names its version) */
                    version?: string;
                };
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Online performance per window once labels arrive, and its skew against the offline metrics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Performance"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/traffic": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Predictions, rate, latency percentiles and refused values per window */
        get: {
            parameters: {
                query?: {
                    /** @description Windows starting at or after this (default: 7 days before `to`) */
                    from?: string;
                    /** @description Windows starting before this (default: now) */
                    to?: string;
                    /** @description Only windows of this model version (default: every version, each window names its version) */
                    version?: string;
                };
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Predictions, rate, latency percentiles and refused values per window */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Traffic"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/features/{feature}/histogram": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Baseline and current distribution on the baseline's bins, summed over the range's windows */
        get: {
            parameters: {
                query?: {
                    /** @description Windows starting at or after this (default: 7 days before `to`) */
                    from?: string;
                    /** @description Windows starting before this (default: now) */
                    to?: string;
                    /** @description Only windows of this model version (default: every version, each window names its version) */
                    version?: string;
                };
                header?: never;
                path: {
                    model: string;
                    feature: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Baseline and current distribution on the baseline's bins, summed over the range's windows */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Histogram"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/models/{model}/infer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Inference through the production (or canary) version, logged as predictions
         * @description Open Inference Protocol v2. Routed to the `production` alias, or to `canary` for its share (deterministic per `vigil-request-key` header); mirrored to `shadow` without waiting. The answer is the model server's, streamed. Needs scope `ingest`. See docs/gateway.md.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Routes the same key to the same side of a canary split */
                    "vigil-request-key"?: string;
                };
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["OipInferenceRequest"];
                };
            };
            responses: {
                /** @description The model server's answer */
                200: {
                    headers: {
                        /** @description The version that answered */
                        "vigil-model-version"?: string;
                        /** @description Id of the logged prediction (a batch of n rows: `<id>:0` ... `<id>:<n-1>`) */
                        "vigil-prediction-id"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OipInferenceResponse"];
                    };
                };
                /** @description The model server refused the inputs (its answer, passed through) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks scope `ingest` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such model in the key's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Request body too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The model server failed (5xx, quoted) or could not be reached */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No servable version (alias or endpoint missing), or the circuit breaker is open (with `Retry-After`) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The model server did not answer in time */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/models/{model}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Model metadata of the production version's model server, named as in Vigil */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OIP v2 model metadata */
                200: {
                    headers: {
                        /** @description The version that answered */
                        "vigil-model-version"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            versions?: string[];
                            platform?: string;
                            inputs?: unknown[];
                            outputs?: unknown[];
                        };
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key has neither scope `ingest` nor `read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such model */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The model server failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No servable production version */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The model server did not answer in time */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/models/{model}/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the production version can serve: 200 ready, 400 not (with the reason) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ready */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            /** @enum {boolean} */
                            ready: true;
                        };
                    };
                };
                /** @description Not ready */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            /** @enum {boolean} */
                            ready: false;
                            reason: string;
                        };
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key has neither scope `ingest` nor `read` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such model */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Notification channels of the project */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Channels, oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: components["schemas"]["Channel"][];
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a channel: email, webhook, retrain, alertmanager or rollback
         * @description Webhook and retrain channels sign every request per Standard Webhooks with the channel secret; without `secret` one is generated and returned in this answer only. Outbound URLs that resolve to private or loopback addresses are refused at delivery unless allow-listed (`VIGIL_WEBHOOK_ALLOWLIST`).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ChannelInput"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Channel"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One channel */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The channel */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Channel"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a channel (its queued deliveries fail, saying so) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test notification through a channel now (email, webhook, alertmanager)
         * @description One attempt, not retried and not stored: a firing alert `VigilTest` of model `vigil-test`, severity info. Answers 200 whether or not the receiver took it, saying which. Retrain and rollback channels act on what they receive (a training run, an alias move), so they have no test send (409).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The attempt's outcome */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChannelTestResult"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with what exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alert rules, the default rules of every model with a baseline included */
        get: {
            parameters: {
                query?: {
                    /** @description Rules that apply to this model (its own and `*`) */
                    model?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Rules */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rules: components["schemas"]["AlertRule"][];
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a rule: metric op threshold for forWindows windows, per model (or `*`) and feature (or `*`) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AlertRuleInput"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AlertRule"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One rule */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The rule */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AlertRule"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Replace a rule (default rules too) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AlertRuleInput"];
                };
            };
            responses: {
                /** @description The rule now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AlertRule"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Delete a rule (a deleted default rule is not written again) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alert instances (pending, firing, resolved), newest change first */
        get: {
            parameters: {
                query?: {
                    state?: "inactive" | "pending" | "firing" | "resolved";
                    model?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Alerts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alerts: components["schemas"]["Alert"][];
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alert with its history and notification log (every delivery and attempt) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The alert */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alert"] & {
                            history: components["schemas"]["AlertEvent"][];
                            notifications: components["schemas"]["Delivery"][];
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/{id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge a firing alert: no more reminders while it fires (changes are still notified) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description The alert */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Alert"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alert-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every alert event of the project in a time range, newest first */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    model?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: components["schemas"]["AlertEvent"][];
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Notification deliveries with every attempt, newest first */
        get: {
            parameters: {
                query?: {
                    state?: "pending" | "delivered" | "failed" | "skipped";
                    channel?: string;
                    alert?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deliveries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deliveries: components["schemas"]["Delivery"][];
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/silences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Silences: pending and active ones, and with `expired=true` those ended in the last 7 days */
        get: {
            parameters: {
                query?: {
                    expired?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Silences, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            silences: components["schemas"]["Silence"][];
                        };
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Silence alerts by label matchers for a time range (Alertmanager's matchers: `=`, `!=`, `=~`, `!~`)
         * @description A silenced alert still changes state and is recorded; it is not notified. When a silence ends over alerts still firing, their channels are told.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SilenceInput"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Silence"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/silences/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One silence */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The silence */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Silence"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** End a silence now (it stays listed as expired) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Expired */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roll an alias (default `production`) back to the version it was moved forward from, with a reason
         * @description The same action as a rollback channel, by hand: the alias moves through the registry with an audit entry carrying the reason. 409 when the alias is not set or has no previous version.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    model: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RollbackInput"];
                };
            };
            responses: {
                /** @description Rolled back */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Rollback"];
                    };
                };
                /** @description Invalid request: `details` names each wrong field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No API key, or an unknown or revoked one */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The API key lacks the scope this endpoint needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found in the caller's project */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with what exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The URL or headers are larger than 16 KB: refused by the HTTP server, without a body */
                431: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Storage unavailable; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        PredictionInput: {
            /** @example churn */
            model: string;
            /** @description Default: the version the model's production alias points at on arrival */
            version?: string;
            /** @description Prediction id, unique per model; generated when absent. Re-sending an id stores it once. */
            id?: string;
            /**
             * @description Event time; default: arrival time
             * @example 2026-11-23T17:00:00Z
             */
            timestamp?: string | number;
            /**
             * @default {}
             * @example {
             *       "tenure_months": 14,
             *       "plan": "pro"
             *     }
             */
            features: {
                [key: string]: unknown;
            };
            /**
             * @description number (regression, or class index) or string (class)
             * @example 1
             */
            prediction: number | string;
            /**
             * @example {
             *       "0": 0.2,
             *       "1": 0.8
             *     }
             */
            scores?: {
                [key: string]: number;
            };
            latencyMs?: number;
        };
        FeedbackInput: {
            /** @example churn */
            model: string;
            predictionId: string;
            /**
             * @description Ground truth: number (regression, class index) or string (class)
             * @example 0
             */
            label: number | string;
            /**
             * @description When the label was observed; default: arrival time
             * @example 2026-11-23T17:00:00Z
             */
            timestamp?: string | number;
        };
        Error: {
            error: {
                /** @example invalid_request */
                code: string;
                message: string;
                details?: {
                    /** @example predictions[3].features.age */
                    path: string;
                    message: string;
                }[];
                requestId?: string;
            };
        };
        CreatedApiKey: components["schemas"]["ApiKey"] & {
            /** @description The key itself, shown only in this response */
            key: string;
        };
        ApiKey: {
            id: string;
            project: string;
            name: string;
            scopes: ("ingest" | "read" | "admin")[];
            /** @description The first characters of the key, to recognise it */
            keyPrefix: string;
            createdAt: string;
            createdBy: string;
            revokedAt: string | null;
        };
        CreateApiKey: {
            /**
             * @example [
             *       "ingest"
             *     ]
             */
            scopes: ("ingest" | "read" | "admin")[];
            /**
             * @description The key's project; default: the caller's. Naming a new project creates it.
             * @example team-a
             */
            project?: string;
            /** @example fraud-model ingest */
            name?: string;
        };
        Caller: {
            keyId: string;
            project: string;
            /**
             * @example [
             *       "read"
             *     ]
             */
            scopes: ("ingest" | "read" | "admin")[];
        };
        SignIn: {
            /** @example vgl_… */
            key: string;
        };
        Model: {
            name: string;
            /** @enum {string} */
            task: "binary_classification" | "multiclass_classification" | "regression";
            features: components["schemas"]["Feature"][];
            description: string;
            owner: string;
            tags: {
                [key: string]: string;
            };
            settings: components["schemas"]["ModelSettings"];
            createdAt: string;
            /** @description Id of the API key that created the model */
            createdBy: string;
            updatedAt: string;
        };
        Feature: {
            /** @example age */
            name: string;
            /** @enum {string} */
            type: "numeric" | "categorical";
        };
        ModelSettings: {
            /**
             * @description Accept and ignore features the model does not declare, instead of rejecting the item (or the baseline column)
             * @default false
             */
            allowUnknownFeatures: boolean;
            /**
             * @description Detector window: tumbling, aligned to the epoch in UTC
             * @default 1h
             */
            windowSize: string;
            /**
             * @description A window is evaluated once its end plus this much has passed; later data re-evaluates it
             * @default 300000
             */
            allowedLatenessMs: number;
            /**
             * @description Windows with fewer current values get insufficient_data
             * @default 100
             */
            minSamples: number;
            /** @default 0.2 */
            psiDrift: number;
            /** @default 0.1 */
            psiModerate: number;
            /** @default 0.05 */
            adjustedPValue: number;
            /** @default 0.1 */
            wassersteinNormedMin: number;
            /** @default 0.1 */
            jsDistanceMin: number;
            /**
             * @description Positive class of a binary classifier; default "1" (also 1 and "true")
             * @default null
             */
            positiveClass: string | null;
        };
        CreateModel: {
            /** @example fraud-detector */
            name: string;
            /** @enum {string} */
            task: "binary_classification" | "multiclass_classification" | "regression";
            /** @default [] */
            features: components["schemas"]["Feature"][];
            /** @default  */
            description: string;
            /** @default  */
            owner: string;
            /**
             * @default {}
             * @example {
             *       "team": "risk"
             *     }
             */
            tags: {
                [key: string]: string;
            };
            settings?: components["schemas"]["ModelSettings"];
        };
        ModelSummary: components["schemas"]["Model"] & {
            summary: {
                versionCount: number;
                /** @description The most recently registered version */
                latestVersion: string | null;
                /**
                 * @description Alias → version
                 * @example {
                 *       "production": "3",
                 *       "canary": "4"
                 *     }
                 */
                aliases: {
                    [key: string]: string;
                };
                /** @description The model at a glance: latest drift verdicts, open alerts, traffic */
                health: {
                    /** @description The newest evaluated window, any version */
                    latestWindow: {
                        start: string;
                        end: string;
                        /** @enum {string} */
                        status: "ok" | "insufficient_data" | "no_baseline";
                    } | null;
                    /** @description Verdict `drift` in the newest window (`__prediction`: the model output) */
                    driftedFeatures: string[];
                    moderateFeatures: string[];
                    firingAlerts: number;
                    pendingAlerts: number;
                    predictions24h: number;
                    lastPredictionAt: string | null;
                };
            };
        };
        ModelDetail: components["schemas"]["Model"] & {
            /** @description Registered versions, oldest first, each with its baseline status */
            versions: components["schemas"]["ModelVersion"][];
            aliases: components["schemas"]["Alias"][];
            /** @description Versions predictions were logged under, registered or not, by first prediction time */
            seenVersions: components["schemas"]["SeenVersion"][];
        };
        ModelVersion: {
            version: string;
            artifactUri: string | null;
            endpoint: string | null;
            metrics: {
                [key: string]: number;
            };
            params: {
                [key: string]: string | number | boolean | null;
            };
            datasetVersion: string | null;
            gitCommit: string | null;
            tags: {
                [key: string]: string;
            };
            baselineFrom: string | null;
            createdAt: string;
            /** @description Id of the API key that registered the version */
            createdBy: string;
            updatedAt: string;
            baseline: components["schemas"]["BaselineStatus"];
        };
        BaselineStatus: {
            /**
             * @description `own`: uploaded for this version; `inherited`: through `baselineFrom`
             * @enum {string}
             */
            status: "own" | "inherited" | "none";
            baselineId: string | null;
            /** @description The version whose baseline is used */
            fromVersion: string | null;
            rowCount: number | null;
            uploadedAt: string | null;
        };
        Alias: {
            alias: string;
            version: string;
            updatedAt: string;
            /** @description Id of the API key that last moved the alias */
            updatedBy: string;
        };
        SeenVersion: {
            /** @description Empty when predictions named no version and no production alias existed */
            version: string;
            registered: boolean;
            predictions: number;
            firstSeen: string;
            lastSeen: string;
        };
        RegisterVersion: {
            /** @example 3 */
            version: string;
            /** @example s3://models/fraud/3/model.onnx */
            artifactUri?: string;
            /**
             * Format: uri
             * @example http://fraud-v3.models.svc:8080
             */
            endpoint?: string;
            /**
             * @description Offline evaluation
             * @default {}
             * @example {
             *       "accuracy": 0.91,
             *       "auc": 0.95
             *     }
             */
            metrics: {
                [key: string]: number;
            };
            /**
             * @default {}
             * @example {
             *       "maxDepth": 6,
             *       "learningRate": 0.1
             *     }
             */
            params: {
                [key: string]: string | number | boolean | null;
            };
            /** @example 2024-05-01 */
            datasetVersion?: string;
            /** @example 9fceb02d0ae598e95dc970b74767f19372d61af8 */
            gitCommit?: string;
            /**
             * @default {}
             * @example {
             *       "stage": "candidate"
             *     }
             */
            tags: {
                [key: string]: string;
            };
            /**
             * @description Use this other version's baseline while this one has none of its own
             * @example 3
             */
            baselineFrom?: string;
            /**
             * @description Why: kept in the audit log
             * @example offline AUC +0.02
             */
            reason?: string;
        };
        UpdateVersion: {
            /**
             * @description Replaces all tags
             * @example {
             *       "stage": "candidate"
             *     }
             */
            tags?: {
                [key: string]: string;
            };
            /**
             * @description Another version whose baseline to use; null removes the link
             * @example 3
             */
            baselineFrom?: string | null;
            /**
             * @description Why: kept in the audit log
             * @example offline AUC +0.02
             */
            reason?: string;
        };
        SetAlias: {
            /** @example 3 */
            version: string;
            /**
             * @description Why: kept in the audit log
             * @example offline AUC +0.02
             */
            reason?: string;
        };
        Baseline: {
            /** @description The version asked for */
            version: string;
            baselineId: string;
            /** @enum {string} */
            source: "own" | "inherited";
            /** @description The version the baseline was uploaded for */
            fromVersion: string;
            /** @enum {string} */
            format: "csv" | "ndjson";
            rowCount: number;
            uploadedAt: string;
            uploadedBy: string;
            profile: {
                rowCount: number;
                bins: number;
                features: components["schemas"]["ColumnProfile"][];
                /** @description null when the rows have no `prediction` column */
                prediction: {
                    name: string;
                    /** @enum {string} */
                    kind: "numeric";
                    count: number;
                    missing: number;
                    min: number | null;
                    max: number | null;
                    mean: number | null;
                    /** @description Population standard deviation (ddof = 0) */
                    std: number | null;
                    /** @description Interior bin edges: quantiles at k/bins with linear interpolation, duplicates dropped (STATISTICS.md) */
                    edges: number[];
                } | {
                    name: string;
                    /** @enum {string} */
                    kind: "categorical";
                    count: number;
                    missing: number;
                    distinct: number;
                    /** @description The most frequent categories (up to 1,000) */
                    categories: {
                        value: string;
                        count: number;
                    }[];
                    otherCount: number;
                } | null;
                /** @description null when the rows have no `label` column */
                label: {
                    name: string;
                    /** @enum {string} */
                    kind: "numeric";
                    count: number;
                    missing: number;
                    min: number | null;
                    max: number | null;
                    mean: number | null;
                    /** @description Population standard deviation (ddof = 0) */
                    std: number | null;
                    /** @description Interior bin edges: quantiles at k/bins with linear interpolation, duplicates dropped (STATISTICS.md) */
                    edges: number[];
                } | {
                    name: string;
                    /** @enum {string} */
                    kind: "categorical";
                    count: number;
                    missing: number;
                    distinct: number;
                    /** @description The most frequent categories (up to 1,000) */
                    categories: {
                        value: string;
                        count: number;
                    }[];
                    otherCount: number;
                } | null;
            };
        };
        ColumnProfile: {
            name: string;
            /** @enum {string} */
            kind: "numeric";
            count: number;
            missing: number;
            min: number | null;
            max: number | null;
            mean: number | null;
            /** @description Population standard deviation (ddof = 0) */
            std: number | null;
            /** @description Interior bin edges: quantiles at k/bins with linear interpolation, duplicates dropped (STATISTICS.md) */
            edges: number[];
        } | {
            name: string;
            /** @enum {string} */
            kind: "categorical";
            count: number;
            missing: number;
            distinct: number;
            /** @description The most frequent categories (up to 1,000) */
            categories: {
                value: string;
                count: number;
            }[];
            otherCount: number;
        };
        AuditEntry: {
            id: string;
            at: string;
            /** @description Who: the API key that made the change */
            keyId: string;
            /** @enum {string} */
            action: "model.created" | "version.registered" | "version.updated" | "alias.set" | "alias.deleted" | "baseline.uploaded";
            /** @description The model, version or alias changed */
            target: string;
            before?: unknown;
            after?: unknown;
            reason: string | null;
        };
        IngestResult: {
            /** @description Items in the request, all stored (or already stored) */
            accepted: number;
            /** @description Items whose id was already stored; stored once */
            duplicates: number;
            /** @description Prediction ids in request order, including generated ones */
            ids?: string[];
        };
        /** @description {"predictions": [PredictionInput, ...]}. The items are checked one by one once the request is taken, structurally and against their model's features, output and label types: a request with any wrong item stores nothing and answers 400 naming each wrong item by path (with INGEST_MODE=kafka, the checks against the model happen in the consumer, which dead-letters what fails them). At most 50000 items. */
        PredictionsBody: {
            predictions: components["schemas"]["PredictionInput"][];
        };
        /** @description {"feedback": [FeedbackInput, ...]}. The items are checked one by one once the request is taken, structurally and against their model's features, output and label types: a request with any wrong item stores nothing and answers 400 naming each wrong item by path (with INGEST_MODE=kafka, the checks against the model happen in the consumer, which dead-letters what fails them). At most 50000 items. */
        FeedbackBody: {
            feedback: components["schemas"]["FeedbackInput"][];
        };
        StoredPrediction: {
            id: string;
            model: string;
            /** @description Empty when neither the item nor a production alias named one */
            version: string;
            timestamp: string;
            receivedAt: string;
            features: {
                [key: string]: number | string | null;
            };
            prediction: number | string | null;
            scores: {
                [key: string]: number;
            };
            latencyMs: number | null;
            /**
             * @description How it arrived: the JSON API, OTLP logs, Kafka, or the serving gateway
             * @enum {string}
             */
            source: "api" | "otlp" | "kafka" | "gateway";
            label: number | string | null;
            labeledAt: string | null;
        };
        Drift: {
            windows: components["schemas"]["DriftWindow"][];
        };
        DriftWindow: {
            start: string;
            end: string;
            version: string;
            /** @enum {string} */
            status: "ok" | "insufficient_data" | "no_baseline";
            reason?: string;
            predictionCount: number;
            baselineId: string | null;
            evaluatedAt: string;
            features: components["schemas"]["FeatureDrift"][];
        };
        FeatureDrift: {
            /** @description A feature name, or `__prediction` for prediction drift */
            feature: string;
            /** @enum {string} */
            kind: "numeric" | "categorical";
            baselineCount: number;
            currentCount: number;
            /** @enum {string} */
            verdict: "no_drift" | "moderate" | "drift" | "insufficient_data";
            psi?: number | null;
            jsDistance?: number | null;
            ksStatistic?: number | null;
            ksPValue?: number | null;
            ksPValueAdjusted?: number | null;
            wasserstein?: number | null;
            wassersteinNormed?: number | null;
            chi2Statistic?: number | null;
            chi2PValue?: number | null;
            chi2Dof?: number | null;
            chi2PValueAdjusted?: number | null;
            newCategoryRate?: number | null;
            baselineMissingRate?: number | null;
            currentMissingRate?: number | null;
            outOfRangeRate?: number | null;
            edges?: number[];
            categories?: string[];
            baselineCounts?: number[];
            currentCounts?: number[];
        };
        DriftMatrix: {
            /**
             * @description The statistic in the cells, as asked for
             * @enum {string}
             */
            statistic: "psi" | "jsDistance" | "ksStatistic" | "ksPValue" | "ksPValueAdjusted" | "wasserstein" | "wassersteinNormed" | "baselineMissingRate" | "currentMissingRate" | "outOfRangeRate" | "chi2Statistic" | "chi2PValue" | "chi2Dof" | "chi2PValueAdjusted" | "newCategoryRate";
            /** @description The columns: stored windows, oldest first, one per (window, version) */
            windows: {
                start: string;
                end: string;
                version: string;
                /** @enum {string} */
                status: "ok" | "insufficient_data" | "no_baseline";
            }[];
            features: {
                feature: string;
                /** @enum {string} */
                kind: "numeric" | "categorical";
                /** @description The statistic per column (4 significant digits; GET .../drift has exact values); null where absent */
                values: (number | null)[];
                /**
                 * @description One letter per column: n = no_drift, m = moderate, d = drift, i = insufficient_data, - = no result
                 * @example nnnmdd
                 */
                verdicts: string;
                driftedWindows: number;
            }[];
        };
        DriftRun: {
            /** @example 2026-11-20T00:00:00Z */
            from: string | number;
            /** @example 2026-11-21T00:00:00Z */
            to: string | number;
            /** @description Window size (`15m`, `1h`, `1d`) instead of the model's, or `all` for one window over [from, to) */
            window?: string;
            version?: string;
        };
        Quality: {
            windows: {
                start: string;
                end: string;
                version: string;
                predictionCount: number;
                features: {
                    feature: string;
                    /** @enum {string} */
                    kind: "numeric" | "categorical";
                    currentMissingRate: number | null;
                    outOfRangeRate: number | null;
                    newCategoryRate: number | null;
                    rejected: number;
                }[];
                /** @description Values refused at ingest in the window: feature → reason → count */
                rejected: {
                    [key: string]: {
                        [key: string]: number;
                    };
                };
            }[];
        };
        Performance: {
            windows: {
                start: string;
                end: string;
                version: string;
                predictionCount: number;
                labeledCount: number;
                metrics: {
                    [key: string]: number;
                };
                skew: {
                    [key: string]: number;
                };
            }[];
        };
        Traffic: {
            windows: {
                start: string;
                end: string;
                version: string;
                predictions: number;
                ratePerSecond: number;
                latencyP50: number | null;
                latencyP90: number | null;
                latencyP99: number | null;
                rejected: number;
                /** @description Share of the values sent in the window that ingest refused */
                errorRate: number | null;
                /** @description Calls through the serving gateway in the window (failed ones too) */
                gatewayRequests: number;
                /** @description Gateway calls that failed: model server errors, timeouts, unreachable, circuit open */
                gatewayErrors: number;
                /** @description gatewayErrors / gatewayRequests; null without gateway calls */
                gatewayErrorRate: number | null;
            }[];
        };
        Histogram: {
            feature: string;
            /** @enum {string} */
            kind: "numeric" | "categorical";
            edges?: number[];
            categories?: string[];
            baselineCounts: number[];
            currentCounts: number[];
            /** @description Evaluated windows summed into currentCounts */
            windows: number;
        };
        OipInferenceResponse: {
            model_name: string;
            model_version?: string;
            id?: string;
            outputs: components["schemas"]["OipTensor"][];
        };
        OipTensor: {
            name: string;
            shape: number[];
            /** @example FP32 */
            datatype: string;
            data: unknown[];
            parameters?: {
                [key: string]: unknown;
            };
        };
        OipInferenceRequest: {
            id?: string;
            parameters?: {
                [key: string]: unknown;
            };
            inputs: components["schemas"]["OipTensor"][];
            outputs?: {
                name: string;
            }[];
        };
        Channel: {
            id: string;
            name: string;
            /** @description The first characters of the signing secret; null for channel types that sign nothing */
            secretPrefix: string | null;
            /** @description The generated secret: only in the answer that created the channel */
            secret?: string;
            default: boolean;
            createdAt: string;
            updatedAt: string;
            /** @enum {string} */
            type: "email";
            config: {
                recipients: string[];
                /** @description As given, a password in it shown as `…` */
                smtpUrl?: string;
            };
        } | {
            id: string;
            name: string;
            /** @description The first characters of the signing secret; null for channel types that sign nothing */
            secretPrefix: string | null;
            /** @description The generated secret: only in the answer that created the channel */
            secret?: string;
            default: boolean;
            createdAt: string;
            updatedAt: string;
            /** @enum {string} */
            type: "webhook";
            config: {
                /** @description As given, a password in it shown as `…` */
                url: string;
                /** @description Header values shown by prefix only */
                headers: {
                    [key: string]: string;
                };
            };
        } | {
            id: string;
            name: string;
            /** @description The first characters of the signing secret; null for channel types that sign nothing */
            secretPrefix: string | null;
            /** @description The generated secret: only in the answer that created the channel */
            secret?: string;
            default: boolean;
            createdAt: string;
            updatedAt: string;
            /** @enum {string} */
            type: "retrain";
            config: {
                /** @description As given, a password in it shown as `…` */
                url: string;
                /** @description Header values shown by prefix only */
                headers: {
                    [key: string]: string;
                };
            };
        } | {
            id: string;
            name: string;
            /** @description The first characters of the signing secret; null for channel types that sign nothing */
            secretPrefix: string | null;
            /** @description The generated secret: only in the answer that created the channel */
            secret?: string;
            default: boolean;
            createdAt: string;
            updatedAt: string;
            /** @enum {string} */
            type: "alertmanager";
            config: {
                /** @description As given, a password in it shown as `…` */
                url: string;
                /** @description Header values shown by prefix only */
                headers: {
                    [key: string]: string;
                };
            };
        } | {
            id: string;
            name: string;
            /** @description The first characters of the signing secret; null for channel types that sign nothing */
            secretPrefix: string | null;
            /** @description The generated secret: only in the answer that created the channel */
            secret?: string;
            default: boolean;
            createdAt: string;
            updatedAt: string;
            /** @enum {string} */
            type: "rollback";
            config: {
                alias: string;
                cooldownMs: number;
                maxPerDay: number;
            };
        };
        ChannelInput: {
            name: string;
            /**
             * @description Notified by rules that name no channel
             * @default false
             */
            default: boolean;
            /** @enum {string} */
            type: "email";
            config: {
                recipients: string[];
                /** Format: uri */
                smtpUrl?: string;
            };
        } | {
            name: string;
            /**
             * @description Notified by rules that name no channel
             * @default false
             */
            default: boolean;
            /** @enum {string} */
            type: "webhook";
            config: {
                /** Format: uri */
                url: string;
                /** @default {} */
                headers: {
                    [key: string]: string;
                };
            };
            /** @description Signing secret in the Standard Webhooks form `whsec_<base64>`; generated (and shown once, in this answer) when absent */
            secret?: string;
        } | {
            name: string;
            /**
             * @description Notified by rules that name no channel
             * @default false
             */
            default: boolean;
            /** @enum {string} */
            type: "retrain";
            config: {
                /** Format: uri */
                url: string;
                /** @default {} */
                headers: {
                    [key: string]: string;
                };
            };
            /** @description Signing secret in the Standard Webhooks form `whsec_<base64>`; generated (and shown once, in this answer) when absent */
            secret?: string;
        } | {
            name: string;
            /**
             * @description Notified by rules that name no channel
             * @default false
             */
            default: boolean;
            /** @enum {string} */
            type: "alertmanager";
            config: {
                /** Format: uri */
                url: string;
                /** @default {} */
                headers: {
                    [key: string]: string;
                };
            };
        } | {
            name: string;
            /**
             * @description Notified by rules that name no channel
             * @default false
             */
            default: boolean;
            /** @enum {string} */
            type: "rollback";
            /**
             * @default {
             *       "alias": "production",
             *       "cooldownMs": 3600000,
             *       "maxPerDay": 3
             *     }
             */
            config: {
                /** @default production */
                alias: string;
                /** @default 3600000 */
                cooldownMs: number;
                /** @default 3 */
                maxPerDay: number;
            };
        };
        ChannelTestResult: {
            delivered: boolean;
            /** @example delivered (status 250) */
            detail: string;
        };
        AlertRule: {
            id: string;
            name: string;
            model: string;
            /** @enum {string} */
            metric: "drift_verdict" | "psi" | "js_distance" | "ks_statistic" | "ks_pvalue_adjusted" | "chi2_pvalue_adjusted" | "wasserstein_normed" | "missing_rate" | "missing_rate_increase" | "out_of_range_rate" | "new_category_rate" | "prediction_count" | "accuracy" | "f1" | "roc_auc" | "mae" | "rmse" | "accuracy_drop" | "error_rate" | "latency_p99";
            feature: string;
            /** @enum {string} */
            op: ">" | ">=" | "<" | "<=" | "==" | "!=";
            threshold: number;
            forWindows: number;
            /** @enum {string} */
            severity: "info" | "warning" | "critical";
            channels: string[];
            enabled: boolean;
            /** @description One of the rules Vigil writes for a model with a baseline */
            default: boolean;
            createdAt: string;
            updatedAt: string;
            updatedBy: string;
        };
        AlertRuleInput: {
            /** @example FeatureDrift */
            name: string;
            /**
             * @description A model, or `*` for every model of the project
             * @default *
             */
            model: string;
            /**
             * @example psi
             * @enum {string}
             */
            metric: "drift_verdict" | "psi" | "js_distance" | "ks_statistic" | "ks_pvalue_adjusted" | "chi2_pvalue_adjusted" | "wasserstein_normed" | "missing_rate" | "missing_rate_increase" | "out_of_range_rate" | "new_category_rate" | "prediction_count" | "accuracy" | "f1" | "roc_auc" | "mae" | "rmse" | "accuracy_drop" | "error_rate" | "latency_p99";
            /**
             * @description A feature, or `*`; only for per-feature metrics
             * @default *
             */
            feature: string;
            /** @enum {string} */
            op: ">" | ">=" | "<" | "<=" | "==" | "!=";
            threshold: number;
            /**
             * @description Consecutive windows the condition must hold before firing
             * @default 1
             */
            forWindows: number;
            /**
             * @default warning
             * @enum {string}
             */
            severity: "info" | "warning" | "critical";
            /**
             * @description Channel ids; empty: the default channels
             * @default []
             */
            channels: string[];
            /** @default true */
            enabled: boolean;
        };
        Alert: {
            /** @description The fingerprint of the labels */
            id: string;
            fingerprint: string;
            /** @enum {string} */
            state: "inactive" | "pending" | "firing" | "resolved";
            labels: {
                [key: string]: string;
            };
            rule: string;
            value: number | null;
            /** @description The window in which the condition last held, with the feature's statistics; null before it first held */
            details: components["schemas"]["AlertDetails"] | null;
            activeSince: string | null;
            firedAt: string | null;
            resolvedAt: string | null;
            firstSeen: string;
            lastSeen: string;
            heldWindows: number;
            acknowledged: {
                at: string;
                by: string;
            } | null;
            silencedBy: string[];
            /** @description The firing data-quality alert holding this one back */
            inhibitedBy: string | null;
        };
        AlertDetails: {
            /** @description Start of the window, epoch milliseconds */
            windowStart?: number;
            /** @description End of the window (exclusive), epoch milliseconds */
            windowEnd?: number;
            /** @description Per-feature rules: the feature */
            feature?: string;
            /** @enum {string} */
            kind?: "numeric" | "categorical";
            /**
             * @description Per-feature rules: the feature's drift verdict in the window
             * @enum {string}
             */
            verdict?: "no_drift" | "moderate" | "drift" | "insufficient_data";
            /** @description Per-feature rules: the feature's statistics in the window, named as in FeatureDrift */
            statistics?: {
                [key: string]: number | null;
            };
        } & {
            [key: string]: unknown;
        };
        AlertEvent: {
            alert: string;
            at: string;
            /**
             * @description What happened: a change of state (`pending`, `firing`, `resolved`; `dropped`: the condition cleared while pending; `reset`: pending no more because a new version went live), or `acknowledged`, `silenced` / `unsilenced`, `inhibited` / `uninhibited`
             * @enum {string}
             */
            event: "pending" | "firing" | "resolved" | "dropped" | "reset" | "acknowledged" | "silenced" | "unsilenced" | "inhibited" | "uninhibited";
            /**
             * @description The alert's state after the event
             * @enum {string}
             */
            state: "inactive" | "pending" | "firing" | "resolved";
            labels: {
                [key: string]: string;
            };
            value: number | null;
            detail: string;
        };
        Delivery: {
            id: string;
            channel: string;
            /** @enum {string} */
            channelType: "email" | "webhook" | "retrain" | "alertmanager" | "rollback";
            /**
             * @description `alerts`: alerts fired or resolved; `silence_expired`: a silence ended over alerts still firing
             * @enum {string}
             */
            kind: "alerts" | "silence_expired";
            /** @enum {string} */
            state: "pending" | "delivered" | "failed" | "skipped";
            alerts: string[];
            summary: string;
            attempts: components["schemas"]["DeliveryAttempt"][];
            nextAttemptAt: string | null;
            lastError: string;
            createdAt: string;
            updatedAt: string;
            /** @description The webhook-id of every attempt */
            messageId: string;
        };
        DeliveryAttempt: {
            attempt: number;
            startedAt: string;
            durationMs: number;
            /** @enum {string} */
            outcome: "delivered" | "failed" | "skipped";
            retry: boolean;
            statusCode: number | null;
            error: string;
            nextAttemptAt: string | null;
        };
        Silence: {
            id: string;
            matchers: {
                name: string;
                value: string;
                /** @default false */
                isRegex: boolean;
                /** @default true */
                isEqual: boolean;
            }[];
            startsAt: string;
            endsAt: string;
            createdBy: string;
            comment: string;
            /** @enum {string} */
            state: "pending" | "active" | "expired";
        };
        SilenceInput: {
            matchers: {
                name: string;
                value: string;
                /** @default false */
                isRegex: boolean;
                /** @default true */
                isEqual: boolean;
            }[];
            startsAt?: string | number;
            endsAt?: string | number;
            /** @description Instead of endsAt: how long from startsAt */
            durationMs?: number;
            /** @default  */
            comment: string;
        };
        Rollback: {
            alias: string;
            fromVersion: string;
            toVersion: string;
            at: string;
        };
        RollbackInput: {
            /** @default production */
            alias: string;
            /** @description Why: kept in the audit log */
            reason: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
