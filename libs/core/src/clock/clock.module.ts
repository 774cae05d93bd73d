import { QUEUE_CLOCK } from '@app/queue';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { ClockTimestamps } from './clock-timestamps.subscriber';

/** Makes the one `Clock` injectable everywhere; tests pass a `ControllableClock`. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: ClockModule,
      // The queue's producer takes job delays from the same clock (libs/queue cannot import core).
      providers: [
        { provide: Clock, useValue: clock },
        { provide: QUEUE_CLOCK, useExisting: Clock },
        ClockTimestamps,
      ],
      exports: [Clock, QUEUE_CLOCK],
    };
  }
}
