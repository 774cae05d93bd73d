/** A suburb with its postcode and an approximate centre point. */
export interface DemoSuburb {
  readonly name: string;
  readonly postcode: string;
  readonly state: string;
  readonly lat: number;
  readonly lng: number;
}

const suburb = (name: string, postcode: string, lat: number, lng: number): DemoSuburb =>
  Object.freeze({ name, postcode, state: 'SA', lat, lng });

/** Adelaide suburbs, north to south (approximate centres), spanning about 50 km. */
export const ADELAIDE_SUBURBS: readonly DemoSuburb[] = Object.freeze([
  suburb('Munno Para', '5115', -34.669, 138.701),
  suburb('Davoren Park', '5113', -34.695, 138.67),
  suburb('Elizabeth', '5112', -34.712, 138.67),
  suburb('Salisbury', '5108', -34.758, 138.642),
  suburb('Paralowie', '5108', -34.757, 138.608),
  suburb('Golden Grove', '5125', -34.79, 138.725),
  suburb('Mawson Lakes', '5095', -34.815, 138.61),
  suburb('Modbury', '5092', -34.833, 138.683),
  suburb('Port Adelaide', '5015', -34.847, 138.503),
  suburb('Woodville', '5011', -34.88, 138.54),
  suburb('Prospect', '5082', -34.884, 138.594),
  suburb('Campbelltown', '5074', -34.883, 138.665),
  suburb('Findon', '5023', -34.9, 138.533),
  suburb('Magill', '5072', -34.91, 138.675),
  suburb('Henley Beach', '5022', -34.92, 138.494),
  suburb('Norwood', '5067', -34.921, 138.63),
  suburb('Adelaide', '5000', -34.9285, 138.6007),
  suburb('Unley', '5061', -34.95, 138.607),
  suburb('Mitcham', '5062', -34.978, 138.623),
  suburb('Glenelg', '5045', -34.98, 138.515),
  suburb('Marion', '5043', -35.01, 138.556),
  suburb('Morphett Vale', '5162', -35.127, 138.522),
  suburb('Christie Downs', '5164', -35.131, 138.504),
  suburb('Noarlunga Centre', '5168', -35.14, 138.495),
]);
