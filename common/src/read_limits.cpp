#include "oauthsim/common/read_limits.h"

namespace oauthsim::common {

int status_of(ReadRefusal refusal) {
  switch (refusal) {
    case ReadRefusal::kUriTooLong:
      return 414;
    case ReadRefusal::kHeadersTooLarge:
      return 431;
    case ReadRefusal::kBodyTooLarge:
      return 413;
    case ReadRefusal::kTimeout:
      return 408;
    case ReadRefusal::kUnsupportedCoding:
      return 415;
    case ReadRefusal::kNone:
      break;
  }
  return 400;
}

ReadRefusal refusal_of(int status) {
  for (auto r :
       {ReadRefusal::kUriTooLong, ReadRefusal::kHeadersTooLarge, ReadRefusal::kBodyTooLarge,
        ReadRefusal::kTimeout, ReadRefusal::kUnsupportedCoding}) {
    if (status_of(r) == status) return r;
  }
  return ReadRefusal::kNone;
}

const char* describe(ReadRefusal refusal) {
  switch (refusal) {
    case ReadRefusal::kUriTooLong:
      return "the request line is too long";
    case ReadRefusal::kHeadersTooLarge:
      return "the request headers are too large or too many";
    case ReadRefusal::kBodyTooLarge:
      return "the request body is too large";
    case ReadRefusal::kTimeout:
      return "the request took too long to arrive";
    case ReadRefusal::kUnsupportedCoding:
      return "a request body with a Content-Encoding is not accepted";
    case ReadRefusal::kNone:
      break;
  }
  return "the request is malformed";
}

}  // namespace oauthsim::common
