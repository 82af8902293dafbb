#include "oauthsim/scenario/world/test_pki.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace oauthsim::scenario {
namespace {

namespace fs = std::filesystem;
using common::CertificateSubject;
using common::CertifiedKey;

constexpr const char* kClientName = "oauthsim client";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_private(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw common::CertificateError("cannot write " + path.string());
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
}

TestClientCertificate save(const fs::path& dir, const std::string& name, const CertifiedKey& pem) {
  TestClientCertificate c;
  c.certificate_file = (dir / (name + ".pem")).string();
  c.private_key_file = (dir / (name + "-key.pem")).string();
  write_private(c.certificate_file, pem.certificate_pem);
  write_private(c.private_key_file, pem.private_key_pem);
  c.subject_dn = common::certificate_subject_dn(pem.certificate_pem);
  c.thumbprint_s256 = common::certificate_thumbprint_s256(pem.certificate_pem);
  return c;
}

CertificateSubject client_subject(const std::string& common_name) {
  CertificateSubject s;
  s.common_name = common_name;
  s.use = CertificateSubject::Use::kClient;
  return s;
}

fs::path make_private_dir() {
  std::string pattern = (fs::temp_directory_path() / "oauthsim-pki-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    throw common::CertificateError("cannot create a temporary folder for the test certificates");
  }
  return pattern;
}

TestPki* make_test_pki() {
  const fs::path dir = make_private_dir();
  static const std::string kDir = dir.string();
  std::atexit([] {
    std::error_code ignored;
    fs::remove_all(kDir, ignored);
  });

  auto* pki = new TestPki;
  pki->folder = common::write_certificate_folder(dir.string());
  const auto ca = common::CertificateAuthority::load(
      {read_file(pki->folder.ca), read_file(pki->folder.ca_key)});
  pki->client =
      save(dir, "registered", {read_file(pki->folder.client), read_file(pki->folder.client_key)});
  pki->other = save(dir, "other", ca.issue(client_subject("another oauthsim client")));

  CertificateSubject expired = client_subject(kClientName);
  const auto now = std::chrono::system_clock::now();
  expired.not_before = now - std::chrono::hours(48);
  expired.not_after = now - std::chrono::hours(24);
  pki->expired = save(dir, "expired", ca.issue(expired));

  const auto foreign_ca = common::CertificateAuthority::create("another CA");
  pki->foreign = save(dir, "foreign", foreign_ca.issue(client_subject(kClientName)));
  pki->self_signed =
      save(dir, "self-signed", common::self_signed_certificate(client_subject(kClientName)));
  return pki;
}

}  // namespace

const TestPki& test_pki() {
  // Never deleted: worlds on other threads may still hold its paths while the process exits.
  static const TestPki* pki = make_test_pki();
  return *pki;
}

}  // namespace oauthsim::scenario
