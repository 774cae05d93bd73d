import { ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, type FieldProblem } from '@app/core';

function flatten(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own =
      error.constraints === undefined ? [] : [{ field, problems: Object.values(error.constraints) }];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelisting, unknown fields refused, payloads turned into DTO instances; one error shape. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const named = fields.map((f) => f.field).join(', ');
      return new DomainError('VALIDATION_FAILED', 'invalid', `Please check these fields: ${named}.`, {
        fields,
      });
    },
  });
}

/** A route parameter that must be a UUID; anything else is a 400 naming the parameter. */
export function uuidParam(field = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new DomainError('VALIDATION_FAILED', 'invalid', `${field} must be a UUID.`, {
        fields: [{ field, problems: [`${field} must be a UUID`] }],
      }),
  });
}
