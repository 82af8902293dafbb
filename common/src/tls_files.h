#pragma once
// The PEM files of TLS contexts, parsed once per process. Every TLS world starts three servers
// and two or three clients from the same few files, and OpenSSL 3 spends one to four million
// instructions decoding each certificate or key (OSSL_DECODER); the SSL_CTX_*_file calls would
// decode them again for every context.
//
// A file is read afresh at every use and its parse looked up by the SHA-256 of its bytes, so a
// file rewritten at the same path (`oauthsim certs DIR --force`) is parsed again. The parsed
// certificates, CRLs and keys are reference-counted, never changed once cached, and only
// referenced by the contexts (each context still gets its own certificate store, chain and CA
// list). When a file cannot be read or parsed, each function makes the OpenSSL call it is named
// after, so a failure keeps OpenSSL's own result and reasons.
#include <openssl/ssl.h>

#include <optional>
#include <string>

namespace oauthsim::common::detail {

// SSL_CTX_use_certificate_chain_file: the file's first certificate, the others as its chain.
bool use_certificate_chain_file(SSL_CTX& ctx, const std::string& path);

// SSL_CTX_use_PrivateKey_file(.., SSL_FILETYPE_PEM). A key that needs a pass phrase is never
// cached: it is loaded the uncached way, which asks for it.
bool use_private_key_file(SSL_CTX& ctx, const std::string& path);

// SSL_CTX_load_verify_locations(ctx, path, nullptr): the file's certificates and CRLs join the
// context's certificate store.
bool load_verify_file(SSL_CTX& ctx, const std::string& path);

// The SHA-256 of the file's bytes as the functions above read them; nullopt when they would
// leave it to OpenSSL (unreadable, not a regular file, or large). For keying what is built
// from files.
std::optional<std::string> file_digest(const std::string& path);

// SSL_load_client_CA_file: the distinct subject names of the file's certificates, in file
// order, owned by the caller; nullptr when there are none or the file cannot be read.
STACK_OF(X509_NAME) * load_client_ca_file(const std::string& path);

}  // namespace oauthsim::common::detail
