console.log('pyvet cli placeholder');
