#pragma once
#include <gmock/gmock.h>

#include "oauthsim/common/http_transport.h"

namespace oauthsim::testing {

class MockHttpTransport : public common::HttpTransport {
 public:
  MOCK_METHOD(common::HttpResponse, send, (const common::HttpRequest& request), (override));
};

}  // namespace oauthsim::testing
