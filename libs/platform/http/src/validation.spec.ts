import 'reflect-metadata';

import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsString, ValidateNested } from 'class-validator';

import { createValidationPipe, IsJsonObject } from './validation';

class Item {
  @IsString() code!: string;
}
class Order {
  @IsString() name!: string;
  @IsJsonObject({ each: true }) @ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
}
class Shipping {
  @IsJsonObject() @ValidateNested() @Type(() => Item) item!: Item;
}

const meta: ArgumentMetadata = { type: 'body', metatype: Order };

async function errorsOf(value: unknown) {
  try {
    await createValidationPipe().transform(value, meta);
  } catch (e) {
    return ((e as BadRequestException).getResponse() as { errors: { field: string; message: string }[] }).errors;
  }
  throw new Error('expected validation to fail');
}

describe('createValidationPipe', () => {
  it('names array items by index and rewrites the message to the full path', async () => {
    expect(await errorsOf({ name: 'x', items: [{ code: 'a' }, { code: 7 }] })).toEqual([
      { field: 'items.1.code', message: 'items.1.code must be a string' },
    ]);
  });

  it('reports unknown properties, nested ones included, by path', async () => {
    const errors = await errorsOf({ name: 'x', items: [{ code: 'a', price: 1 }], extra: true });
    expect(errors.map((e) => e.field).sort()).toEqual(['extra', 'items.0.price']);
    expect(errors).toContainEqual({ field: 'items.0.price', message: 'items.0.price is not an accepted property' });
  });

  it('transforms a valid payload into the DTO class', async () => {
    const out = await createValidationPipe().transform({ name: 'x', items: [{ code: 'a' }] }, meta);
    expect(out).toBeInstanceOf(Order);
    expect((out as Order).items[0]).toBeInstanceOf(Item);
  });

  it('refuses an array where an item object belongs, naming the item (class-validator alone lets [[]] through)', async () => {
    expect(await errorsOf({ name: 'x', items: [{ code: 'a' }, []] })).toEqual([{ field: 'items.1', message: 'items.1 must be an object' }]);
    expect(await errorsOf({ name: 'x', items: [[]] })).toEqual([{ field: 'items.0', message: 'items.0 must be an object' }]);
  });

  it('refuses an array or a primitive where one nested object belongs', async () => {
    const pipe = createValidationPipe();
    for (const item of [[], 'a', 3]) {
      const e = await pipe.transform({ item }, { type: 'body', metatype: Shipping }).catch((x: BadRequestException) => x.getResponse());
      expect(e).toMatchObject({ errors: expect.arrayContaining([{ field: 'item', message: 'item must be an object' }]) });
    }
  });
});
