#pragma once
// Routes served by the methods of one object that several routes share (a module's pages).

#include <memory>

#include "http/router.hpp"

namespace sohosolo::http {

/// A function turning a method of `*object` into a route handler; the handlers share ownership
/// of the object, so it lives as long as the router keeps any of them.
template <typename Object>
auto MethodBinder(std::shared_ptr<Object> object) {
  return [object](Response (Object::*method)(Request&, Context&)) {
    return [object, method](Request& req, Context& ctx) { return ((*object).*method)(req, ctx); };
  };
}

}  // namespace sohosolo::http
