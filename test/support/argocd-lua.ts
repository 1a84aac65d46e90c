/**
 * Runs an Argo CD health check (Lua) on an object, in a sandbox like Argo
 * CD's: only the base and table libraries (Argo CD opens no string library
 * unless told to), the object as the global `obj`, the returned table read
 * as `{ status, message }`. fengari is Lua 5.3, Argo CD's gopher-lua is 5.1:
 * the scripts use only what both have.
 */
// fengari ships no types
const { lua, lauxlib, lualib, to_luastring, to_jsstring } = require('fengari');

/** What a health check returns. */
export interface LuaHealth {
  readonly status: string;
  readonly message: string;
}

function push(L: unknown, value: unknown): void {
  if (value === null || value === undefined) {
    lua.lua_pushnil(L);
  } else if (typeof value === 'boolean') {
    lua.lua_pushboolean(L, value);
  } else if (typeof value === 'number') {
    if (Number.isInteger(value)) lua.lua_pushinteger(L, value);
    else lua.lua_pushnumber(L, value);
  } else if (typeof value === 'string') {
    lua.lua_pushstring(L, to_luastring(value));
  } else if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    value.forEach((item, i) => {
      push(L, item);
      lua.lua_rawseti(L, -2, i + 1);
    });
  } else {
    lua.lua_createtable(L, 0, 0);
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      push(L, item);
      lua.lua_setfield(L, -2, to_luastring(key));
    }
  }
}

function field(L: unknown, name: string): string {
  lua.lua_getfield(L, -1, to_luastring(name));
  const value = lua.lua_isstring(L, -1) ? to_jsstring(lua.lua_tostring(L, -1)) : '';
  lua.lua_pop(L, 1);
  return value;
}

/** The health `script` gives `obj`; throws on a Lua error (as Argo CD reports it). */
export function luaHealth(script: string, obj: unknown): LuaHealth {
  const L = lauxlib.luaL_newstate();
  lauxlib.luaL_requiref(L, to_luastring('_G'), lualib.luaopen_base, 1);
  lauxlib.luaL_requiref(L, to_luastring('table'), lualib.luaopen_table, 1);
  lua.lua_settop(L, 0);
  push(L, obj);
  lua.lua_setglobal(L, to_luastring('obj'));
  if (lauxlib.luaL_loadstring(L, to_luastring(script)) !== lua.LUA_OK || lua.lua_pcall(L, 0, 1, 0) !== lua.LUA_OK) {
    throw new Error(`Lua error: ${to_jsstring(lua.lua_tostring(L, -1))}`);
  }
  if (!lua.lua_istable(L, -1)) throw new Error('the health check returned no table');
  return { status: field(L, 'status'), message: field(L, 'message') };
}
