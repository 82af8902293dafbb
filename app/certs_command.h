#pragma once

namespace oauthsim::app {

// `oauthsim certs DIR`: writes a local CA, a server certificate for localhost/127.0.0.1 and a
// client certificate into DIR (write_certificate_folder), then prints what a vendor registers
// for the client certificate (subject DN, x5t#S256). argv[0] is "certs". Returns the exit code:
// 0 written, 1 the files could not be written, 2 bad usage or files already there (no --force).
int certs_command(int argc, char** argv);

}  // namespace oauthsim::app
