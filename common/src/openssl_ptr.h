#pragma once
// Owning pointers to OpenSSL objects, each freed by the function OpenSSL gives for its type.
#include <memory>

namespace oauthsim::common::detail {

template <typename T, void (*Free)(T*)>
struct OpenSslDeleter {
  void operator()(T* p) const { Free(p); }
};

template <typename T, void (*Free)(T*)>
using OpenSslPtr = std::unique_ptr<T, OpenSslDeleter<T, Free>>;

}  // namespace oauthsim::common::detail
