#pragma once
// Everything of oauthsim::client in one include.
#include "oauthsim/client/app_settings.h"
#include "oauthsim/client/client_error.h"
#include "oauthsim/client/client_flaw.h"
#include "oauthsim/client/client_settings.h"
#include "oauthsim/client/oauth_client.h"
#include "oauthsim/client/token_set.h"
#include "oauthsim/client/vendor_app.h"
