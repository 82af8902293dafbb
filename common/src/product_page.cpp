#include "oauthsim/common/product_page_css.h"

namespace oauthsim::common {

std::string product_page(std::initializer_list<std::string_view> title,
                         std::initializer_list<std::string_view> body) {
  static constexpr std::string_view kHead =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  static constexpr std::string_view kStyle = "</title>\n<style>";
  static constexpr std::string_view kHeadEnd = "</style></head>\n";
  const std::string_view css = product_page_css();
  std::size_t size = kHead.size() + kStyle.size() + css.size() + kHeadEnd.size();
  for (const std::string_view part : title) size += part.size();
  for (const std::string_view part : body) size += part.size();
  std::string out;
  out.reserve(size);
  out.append(kHead);
  for (const std::string_view part : title) out.append(part);
  out.append(kStyle).append(css).append(kHeadEnd);
  for (const std::string_view part : body) out.append(part);
  return out;
}

}  // namespace oauthsim::common
