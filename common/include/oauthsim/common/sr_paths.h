#pragma once
// SmartRecruiters' OAuth paths: the one definition the mock servers route, the reference client
// calls and the checks judge by.

namespace oauthsim::common::sr_paths {

// What SR serves (SR-FACTS.md): the authorization endpoint on www.smartrecruiters.com, the
// token endpoint on api.smartrecruiters.com (and, for older clients, on www).
inline constexpr const char* kAuthorize = "/identity/oauth/allow";
inline constexpr const char* kToken = "/identity/oauth/token";
// SR's login and consent pages are its own business behind the authorization endpoint; the mock
// serves them here, and only the user agent goes there.
inline constexpr const char* kLogin = "/identity/oauth/login";
inline constexpr const char* kConsent = "/identity/oauth/consent";
// Served by the mock only: SR documents no revocation (RFC 7009), introspection (RFC 7662) or
// RFC 8414 metadata, so a vendor app calling them would get 404 from SR.
inline constexpr const char* kRevoke = "/identity/oauth/revoke";
inline constexpr const char* kIntrospect = "/identity/oauth/introspect";
inline constexpr const char* kMetadata = "/.well-known/oauth-authorization-server";
// Not served by the mock either, but asked for by OpenID Connect discovery in many libraries.
inline constexpr const char* kOpenIdConfiguration = "/.well-known/openid-configuration";

}  // namespace oauthsim::common::sr_paths
