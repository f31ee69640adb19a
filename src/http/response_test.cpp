#include "http/response.hpp"

#include <gtest/gtest.h>

namespace sohosolo::http {
namespace {

TEST(WireHead, StatusLineFieldsInTheirOrderLengthAndEmptyLine) {
  Response response = Response::Html("<p>x</p>");
  response.headers.emplace_back("Set-Cookie", "a=1");
  response.headers.emplace_back("Set-Cookie", "b=2");
  EXPECT_EQ(WireHead(response, 11, true),
            "HTTP/1.1 200 OK\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            "Set-Cookie: a=1\r\n"
            "Set-Cookie: b=2\r\n"
            "Content-Length: 8\r\n"
            "\r\n");
}

TEST(WireHead, ConnectionSaidOnlyWhenTheVersionNeedsIt) {
  const Response response = Response::Text("ok\n", "text/plain", 503);
  EXPECT_EQ(WireHead(response, 11, false),
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
            "Content-Length: 3\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(WireHead(response, 10, true),
            "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
            "Content-Length: 3\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_EQ(WireHead(response, 10, false),
            "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
            "Content-Length: 3\r\n\r\n");
}

TEST(WireHead, NoLengthWhereThereIsNoBodyToMeasure) {
  EXPECT_EQ(WireHead(Response::NoContent(), 11, true), "HTTP/1.1 204 No Content\r\n\r\n");
  Response not_modified{304, {{"ETag", "\"x\""}}, {}};
  EXPECT_EQ(WireHead(not_modified, 11, true), "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n");
  EXPECT_EQ(WireHead(Response::Redirect("/a"), 11, true),
            "HTTP/1.1 303 See Other\r\nLocation: /a\r\nContent-Length: 0\r\n\r\n");
}

TEST(StatusHasBody, NotForInformationNoContentOrNotModified) {
  for (int status : {100, 101, 204, 304}) EXPECT_FALSE(StatusHasBody(status)) << status;
  for (int status : {200, 201, 303, 400, 404, 500, 503})
    EXPECT_TRUE(StatusHasBody(status)) << status;
}

TEST(WireHead, FieldsTheConnectionOwnsAreNotTakenFromTheResponse) {
  Response response = Response::Text("abc", "text/plain");
  response.headers.emplace_back("content-length", "999");
  response.headers.emplace_back("Connection", "upgrade");
  response.headers.emplace_back("Transfer-Encoding", "chunked");
  EXPECT_EQ(WireHead(response, 11, true),
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\n");
}

}  // namespace
}  // namespace sohosolo::http
