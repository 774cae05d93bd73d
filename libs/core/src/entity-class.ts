/** An entity class, as the data source lists them. */
export type EntityClass = abstract new (...args: never[]) => object;
