import { ACCESS_METADATA, type AccessDeclaration } from '@app/http';
import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { GLOBAL_PREFIX, UNPREFIXED_PATHS } from '../../apps/api/src/configure-api';

export interface RouteInfo {
  /** `GET /api/users/:id` */
  readonly route: string;
  readonly handler: string;
  /** Undefined when the route declares neither `@Allow` nor `@Public` (the guard refuses it). */
  readonly access: AccessDeclaration | undefined;
}

const clean = (path: string): string => path.replace(/^\/+|\/+$/g, '');
const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : [typeof value === 'string' ? value : ''];

/** Every route the app's controllers register, with its access declaration. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  const seen = new Set<Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (controller === null || seen.has(controller)) continue;
      seen.add(controller);
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const access = (Reflect.getMetadata(ACCESS_METADATA, handler) ??
          Reflect.getMetadata(ACCESS_METADATA, controller)) as AccessDeclaration | undefined;
        for (const base of asList(Reflect.getMetadata(PATH_METADATA, controller))) {
          for (const own of asList(Reflect.getMetadata(PATH_METADATA, handler))) {
            const path = [clean(base), clean(own)].filter((p) => p !== '').join('/');
            const full = UNPREFIXED_PATHS.includes(path)
              ? `/${path}`
              : `/${GLOBAL_PREFIX}/${path}`.replace(/\/$/, '');
            routes.push({
              route: `${RequestMethod[method]} ${full}`,
              handler: `${controller.name}.${name}`,
              access,
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}
