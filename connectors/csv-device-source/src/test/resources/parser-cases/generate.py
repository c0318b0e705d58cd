# Writes the parser cases: input.csv, expected.json (values computed here, independently of the Java code)
# and config.properties per case. Run: python3 generate.py
import json, os, datetime
from zoneinfo import ZoneInfo
base = os.path.dirname(os.path.abspath(__file__))
H = 'frame.time,tcp.len,tcp.flags,udp.time_delta,http.request.method,Attack_label,Attack_type'

def ms(s, tz='UTC'):
    s = s.replace('Z', '+00:00')
    d = datetime.datetime.fromisoformat(s)
    if d.tzinfo is None:
        d = d.replace(tzinfo=ZoneInfo(tz))
    return int(d.timestamp() * 1000)

def rec(seq, ts, features, label=0, attack='Normal', device='input', strings=None):
    r = {'device_id': device, 'ts': ts, 'seq': seq, 'features': features, 'label': label, 'attack_type': attack}
    if strings is not None:
        r['strings'] = strings
    return r

def err(line, column, reason, file='input.csv'):
    return {'file': file, 'line': line, 'column': column, 'reason': reason}

def case(name, data, records, errors=(), config=None, about=''):
    d = os.path.join(base, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'input.csv'), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode('utf-8'))
    with open(os.path.join(d, 'expected.json'), 'w') as f:
        json.dump({'about': about, 'records': records, 'errors': list(errors)}, f, indent=2)
        f.write('\n')
    if config:
        with open(os.path.join(d, 'config.properties'), 'w') as f:
            for k, v in config.items():
                f.write(f'{k}={v}\n')

T0, T1, T2 = '2021-11-14 10:00:00.000', '2021-11-14 10:00:01.250', '2021-11-14T10:00:02Z'
case('basic', f'{H}\n{T0},60,24,0.5,GET,0,Normal\n{T1},0,2,0,0,1,DDoS_TCP\n{T2},1460,16,1.5e-3,POST,0,Normal\n', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}),
    rec(3, ms(T1), {'tcp.len': 0, 'tcp.flags': 2, 'udp.time_delta': 0}, 1, 'DDoS_TCP'),
    rec(4, ms(T2), {'tcp.len': 1460, 'tcp.flags': 16, 'udp.time_delta': 0.0015}),
], about='three good rows; numbers become numbers, the text column is dropped, seq is the line number')

case('bom', b'\xef\xbb\xbf' + f'{H}\n{T0},60,24,0.5,GET,0,Normal\n'.encode(), [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5})], about='a UTF-8 BOM before the header is skipped')

case('crlf', f'{H}\r\n{T0},60,24,0.5,GET,0,Normal\r\n{T1},0,2,0,0,1,DDoS_TCP\r\n', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}),
    rec(3, ms(T1), {'tcp.len': 0, 'tcp.flags': 2, 'udp.time_delta': 0}, 1, 'DDoS_TCP')], about='CRLF line endings')

case('quoted-delimiters', f'{H}\n"{T0}",60,24,0.5,"GET, HEAD",0,"Normal"\n{T1},"7",2,0,"say ""hi""",1,"DDoS_HTTP"\n', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}, strings={'http.request.method': 'GET, HEAD'}),
    rec(3, ms(T1), {'tcp.len': 7, 'tcp.flags': 2, 'udp.time_delta': 0}, 1, 'DDoS_HTTP', strings={'http.request.method': 'say "hi"'})],
    config={'string.columns': 'keep'}, about='quoted fields may hold the delimiter and doubled quotes')

case('custom-delimiter', f'{H}\n{T0};60;24;0,5;GET;0;Normal\n'.replace(',', ';').replace('0;5', '0.5'), [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5})], config={'csv.delimiter': ';'},
    about='semicolon-delimited file')

case('tab-delimiter', f'{H}\n{T0},60,24,0.5,GET,0,Normal\n'.replace(',', '\t'), [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5})], config={'csv.delimiter': '\\\\t'},
    about='tab-delimited file, delimiter configured as \\t')

case('missing-label', f'frame.time,tcp.len,tcp.flags\n{T0},60,24\n{T1},0,2\n', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24}, None, None),
    rec(3, ms(T1), {'tcp.len': 0, 'tcp.flags': 2}, None, None)], about='no label or attack-type column: both are null')

case('keep-strings', f'{H},mqtt.topic\n{T0},60,24,0.5,GET,0,Normal,sensors/temp\n{T1},0,2,0,,,,\n', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}, strings={'http.request.method': 'GET', 'mqtt.topic': 'sensors/temp'}),
    rec(3, ms(T1), {'tcp.len': 0, 'tcp.flags': 2, 'udp.time_delta': 0}, None, None, strings={'http.request.method': '', 'mqtt.topic': ''})],
    config={'string.columns': 'keep'}, about='text columns kept in strings; empty label and attack type are null')

case('wrong-column-count', f'{H}\n{T0},60,24,0.5,GET,0,Normal\n{T1},0,2,0,0,1\n{T1},0,2,0,0,1,DDoS_TCP,extra\n{T2},1,2,3,GET,0,Normal\n', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}),
    rec(5, ms(T2), {'tcp.len': 1, 'tcp.flags': 2, 'udp.time_delta': 3})], [
    err(3, 7, 'wrong column count: expected 7 columns, found 6'),
    err(4, 8, 'wrong column count: expected 7 columns, found 8')], about='too few and too many columns; neighbours flow')

case('bad-number', f'{H}\n{T0},60,24,0.5,GET,0,Normal\n{T1},0,2x,0,0,1,DDoS_TCP\n{T2},1,2,NaN,GET,0,Normal\n{T2},1,2,3,GET,0,Normal\n', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}),
    rec(5, ms(T2), {'tcp.len': 1, 'tcp.flags': 2, 'udp.time_delta': 3})], [
    err(3, 3, "unparseable number '2x' in column 'tcp.flags'"),
    err(4, 4, "unparseable number 'NaN' in column 'udp.time_delta'")], about='unparseable numbers name line, column and value')

case('bad-time', f'{H}\n{T0},60,24,0.5,GET,0,Normal\nyesterday,0,2,0,0,1,DDoS_TCP\n2021-13-45 10:00:00,0,2,0,0,1,DDoS_TCP\n{T2},1,2,3,GET,0,Normal\n', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}),
    rec(5, ms(T2), {'tcp.len': 1, 'tcp.flags': 2, 'udp.time_delta': 3})], [
    err(3, 1, "bad time 'yesterday' in column 'frame.time'"),
    err(4, 1, "bad time '2021-13-45 10:00:00' in column 'frame.time'")], about='times no format accepts')

case('empty-line', f'{H}\n{T0},60,24,0.5,GET,0,Normal\n\n{T2},1,2,3,GET,0,Normal\n', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}),
    rec(4, ms(T2), {'tcp.len': 1, 'tcp.flags': 2, 'udp.time_delta': 3})], [
    err(3, 1, 'empty line')], about='an empty line between rows')

long = f'{T1},0,2,0,' + 'A' * 100 + ',1,DDoS_TCP'
case('overlong-line', f'{H}\n{T0},60,24,0.5,GET,0,Normal\n{long}\n{T2},1,2,3,GET,0,Normal\n', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}),
    rec(4, ms(T2), {'tcp.len': 1, 'tcp.flags': 2, 'udp.time_delta': 3})], [
    err(3, 5, 'overlong line: more than 96 bytes')], config={'line.max.bytes': '96'},
    about='a line over line.max.bytes is skipped; column is where the limit fell')

case('invalid-utf8', f'{H}\n{T0},60,24,0.5,GET,0,Normal\n'.encode() + f'{T1},0,2,0,G'.encode() + b'\xff\xfe' + b'T,1,DDoS_TCP\n' + f'{T2},1,2,3,GET,0,Normal\n'.encode(), [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}),
    rec(4, ms(T2), {'tcp.len': 1, 'tcp.flags': 2, 'udp.time_delta': 3})], [
    err(3, 5, f'invalid UTF-8 byte 0xff at byte {len(T1) + 9}')], about='bytes that are not UTF-8')

case('quoted-newline', f'{H}\n{T0},60,24,0.5,"GET\nline two",0,Normal\n{T1},0,2,0,0,1,DDoS_TCP\n', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}, strings={'http.request.method': 'GET\nline two'}),
    rec(4, ms(T1), {'tcp.len': 0, 'tcp.flags': 2, 'udp.time_delta': 0}, 1, 'DDoS_TCP', strings={'http.request.method': '0'})],
    config={'string.columns': 'keep'}, about='a quoted field spanning two lines; seq stays the physical start line')

case('time-formats', 'frame.time,tcp.len\n14/11/2021 11:00:00,1\n1636884000000,2\n2021-11-14T10:00:00+02:00,3\n', [
    rec(2, ms('2021-11-14 11:00:00', 'Europe/Paris'), {'tcp.len': 1}, None, None),
    rec(3, 1636884000000, {'tcp.len': 2}, None, None),
    rec(4, ms('2021-11-14T10:00:00+02:00'), {'tcp.len': 3}, None, None)],
    config={'time.formats': 'dd/MM/yyyy HH:mm:ss,epoch-ms,iso', 'time.zone': 'Europe/Paris', 'label.column': '', 'attack.type.column': ''},
    about='a custom pattern in a zone, epoch milliseconds, ISO with an offset')

case('device-id-column', f'frame.time,device,tcp.len\n{T0},cam-1,5\n{T1},cam-2,6\n{T2},,7\n', [
    rec(2, ms(T0), {'tcp.len': 5}, None, None, device='cam-1'),
    rec(3, ms(T1), {'tcp.len': 6}, None, None, device='cam-2')], [
    err(4, 2, "empty device id in column 'device'")], config={'device.id.column': 'device'},
    about='device id from a column instead of the file name')

case('number-forms', f'frame.time,a,b,c,d,e,f\n{T0},-12,+3.25,0x1F,1E3,,007\n', [
    rec(2, ms(T0), {'a': -12, 'b': 3.25, 'c': 31, 'd': 1000.0, 'f': 7}, None, None)],
    about='signs, decimals, hex, exponents; an empty numeric cell is left out')

case('bad-label', f'{H}\n{T0},60,24,0.5,GET,2,Normal\n{T1},0,2,0,0,1,DDoS_TCP\n', [
    rec(3, ms(T1), {'tcp.len': 0, 'tcp.flags': 2, 'udp.time_delta': 0}, 1, 'DDoS_TCP')], [
    err(2, 6, "label '2' is not 0 or 1 in column 'Attack_label'")], about='labels other than 0/1 are bad rows')

case('no-trailing-newline', f'{H}\n{T0},60,24,0.5,GET,0,Normal\n{T1},0,2,0,0,1,DDoS_TCP', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}),
    rec(3, ms(T1), {'tcp.len': 0, 'tcp.flags': 2, 'udp.time_delta': 0}, 1, 'DDoS_TCP')], about='the last row has no line break')

case('unterminated-quote', f'{H}\n{T0},60,24,0.5,"GET,0,Normal\n', [], [
    err(2, 5, "broken quoting: unterminated quote in column 'http.request.method'")],
    about='a quote never closed on the last line; the column is where the quote opened')

case('stray-quote', f'{H}\n{T0},60,24,0.5,"GET,0,Normal\n{T1},0,2,0,0,1,DDoS_TCP\n{T2},1,2,3,"POST",0,Normal\n{T2},1460,16,1.5e-3,GET,0,Normal\n', [
    rec(3, ms(T1), {'tcp.len': 0, 'tcp.flags': 2, 'udp.time_delta': 0}, 1, 'DDoS_TCP'),
    rec(4, ms(T2), {'tcp.len': 1, 'tcp.flags': 2, 'udp.time_delta': 3}),
    rec(5, ms(T2), {'tcp.len': 1460, 'tcp.flags': 16, 'udp.time_delta': 0.0015})], [
    err(2, 5, "broken quoting: unterminated quote in column 'http.request.method'")],
    about='a stray opening quote is one bad line; the rows after it (one with quotes of its own) still flow')

case('stray-quote-overlong', f'{H}\n{T0},60,24,0.5,GET,0,Normal\n{T1},0,2,0,"GET,1,DDoS_TCP\n' + ''.join(f'{T2},{i},2,3,GET,0,Normal\n' for i in range(6)), [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5})] + [
    rec(4 + i, ms(T2), {'tcp.len': i, 'tcp.flags': 2, 'udp.time_delta': 3}) for i in range(6)], [
    err(3, 5, "broken quoting: unterminated quote in column 'http.request.method'")], config={'line.max.bytes': '128'},
    about='a stray quote followed by more than line.max.bytes of quote-free rows: one bad line, not one overlong report')

case('text-after-closing-quote', f'{H}\n{T0},60,24,0.5,"GET"x,0,Normal\n{T1},0,2,0,0,1,DDoS_TCP\n', [
    rec(3, ms(T1), {'tcp.len': 0, 'tcp.flags': 2, 'udp.time_delta': 0}, 1, 'DDoS_TCP')], [
    err(2, 5, "broken quoting: text after the closing quote in column 'http.request.method'")],
    about='text between a closing quote and the delimiter')

case('non-finite-number', f'{H}\n{T0},60,24,0.5,GET,0,Normal\n{T1},1e309,2,0,0,1,DDoS_TCP\n{T2},1,-1e400,3,GET,0,Normal\n{T2},1,2,Infinity,GET,0,Normal\n{T2},1,2,1e-400,GET,0,Normal\n', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}),
    rec(6, ms(T2), {'tcp.len': 1, 'tcp.flags': 2, 'udp.time_delta': 0.0})], [
    err(3, 2, "number '1e309' overflows a double in column 'tcp.len'"),
    err(4, 3, "number '-1e400' overflows a double in column 'tcp.flags'"),
    err(5, 4, "unparseable number 'Infinity' in column 'udp.time_delta'")],
    about='numbers beyond a double are bad rows, never Infinity; an underflow is 0.0')

case('duplicate-header', f'frame.time,tcp.len,tcp.flags, tcp.len,Attack_label\n{T0},1,2,3,0\n', [], [
    err(1, 4, "header repeats column name 'tcp.len' (first in column 2)")],
    about='a repeated column name would drop one of its values: the file is reported once and skipped')

case('missing-time-column', 'tcp.len,tcp.flags\n1,2\n', [], [
    err(1, 1, "header has no time column 'frame.time'")], about='a file without the time column is reported once and skipped')

case('escape-char', f'{H}\n{T0},60,24,0.5,"GET \\"x\\"",0,Normal\n{T1},0,2,0,a\\,b,1,DDoS_TCP\n', [
    rec(2, ms(T0), {'tcp.len': 60, 'tcp.flags': 24, 'udp.time_delta': 0.5}, strings={'http.request.method': 'GET "x"'}),
    rec(3, ms(T1), {'tcp.len': 0, 'tcp.flags': 2, 'udp.time_delta': 0}, 1, 'DDoS_TCP', strings={'http.request.method': 'a,b'})],
    config={'string.columns': 'keep', 'csv.escape': '\\\\'}, about='a backslash escape inside and outside quotes')
